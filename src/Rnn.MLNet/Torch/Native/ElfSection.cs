namespace Rnn.MLNet;

/// <summary>One entry of an ELF64 section header table: the fields the native loader needs.</summary>
/// <param name="Index">Position in the section header table.</param>
/// <param name="Type">sh_type, e.g. <see cref="ElfImage.SectionTypeDynamicSymbols"/>.</param>
/// <param name="Offset">sh_offset: where the section's bytes start in the file.</param>
/// <param name="Size">sh_size in bytes.</param>
/// <param name="Link">sh_link: index of the associated section (string table, symbol table).</param>
/// <param name="Info">sh_info: type-specific (for version sections, the number of entries).</param>
/// <param name="EntrySize">sh_entsize: size of one fixed-size entry, 0 when entries vary.</param>
internal readonly record struct ElfSection(int Index, uint Type, long Offset, long Size, uint Link, uint Info, long EntrySize);
