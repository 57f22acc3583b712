namespace Rnn.MLNet;

/// <summary>
/// Reads which dynamic symbols are bound to a symbol version (.dynsym with .gnu.version) and which of them the
/// dynamic loader ever resolves (they appear in a relocation against .dynsym).
/// </summary>
internal static class ElfDynamicSymbols
{
    private const int SymbolSize = 24;          // Elf64_Sym: st_name u32 first.
    private const int VersionEntrySize = 2;     // One u16 per dynamic symbol.
    private const ushort HiddenBit = 0x8000;    // VERSYM_HIDDEN; the low 15 bits are the version index.
    private const int RelocationWithAddendSize = 24; // Elf64_Rela: r_offset u64, r_info u64, r_addend i64.
    private const int RelocationSize = 16;           // Elf64_Rel: r_offset u64, r_info u64.

    /// <summary>Dynamic symbols (index in .dynsym, name) whose .gnu.version entry is <paramref name="versionIndex"/>.</summary>
    public static IReadOnlyList<(uint Index, string Name)> BoundTo(ElfImage image, ushort versionIndex)
    {
        if (image.FindSection(ElfImage.SectionTypeDynamicSymbols) is not { } symbols)
            throw image.Malformed("it has no dynamic symbol table (.dynsym)");
        if (image.FindSection(ElfImage.SectionTypeSymbolVersions) is not { } versions)
            return []; // No versioned symbols at all.
        if (versions.Link != symbols.Index)
            throw image.Malformed($".gnu.version links to section {versions.Link}, not to .dynsym (section {symbols.Index})");

        var strings = image.SectionAt(symbols.Link, ".dynsym's string table link");
        long count = symbols.Size / SymbolSize;
        image.CheckInside(versions, versions.Offset, count * VersionEntrySize, $".gnu.version (one entry for each of {count} dynamic symbols)");

        var bound = new List<(uint, string)>();
        for (uint i = 1; i < count; i++)
        {
            if ((image.U16(versions.Offset + i * VersionEntrySize) & ~HiddenBit) != versionIndex)
                continue;
            long symbol = symbols.Offset + i * SymbolSize;
            image.CheckInside(symbols, symbol, SymbolSize, ".dynsym entry");
            bound.Add((i, image.ReadString(strings, image.U32(symbol), $".dynsym entry {i}'s name")));
        }

        return bound;
    }

    /// <summary>Indexes into .dynsym of every symbol named by a dynamic relocation (.rela.dyn, .rela.plt, .rel.*).</summary>
    public static IReadOnlySet<uint> Relocated(ElfImage image)
    {
        var relocated = new HashSet<uint>();
        if (image.FindSection(ElfImage.SectionTypeDynamicSymbols) is not { } symbols)
            return relocated;
        foreach (var section in image.Sections)
        {
            int entrySize = section.Type switch
            {
                ElfImage.SectionTypeRelocationsWithAddends => RelocationWithAddendSize,
                ElfImage.SectionTypeRelocations => RelocationSize,
                _ => 0,
            };
            if (entrySize == 0 || section.Link != symbols.Index)
                continue;
            for (long entry = section.Offset; entry <= section.Offset + section.Size - entrySize; entry += entrySize)
            {
                image.CheckInside(section, entry, entrySize, "relocation");
                relocated.Add((uint)(image.U64(entry + 8) >> 32)); // ELF64_R_SYM(r_info)
            }
        }

        return relocated;
    }
}
