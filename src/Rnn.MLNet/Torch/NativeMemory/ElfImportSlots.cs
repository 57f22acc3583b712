namespace Rnn.MLNet;

/// <summary>
/// Where a shared library keeps the addresses of functions it calls in other libraries: the GOT slots its PLT jumps
/// through (JUMP_SLOT relocations). Only calls are covered, never places that take a function's address, so nothing a
/// patched slot points at can be copied elsewhere.
/// </summary>
internal static class ElfImportSlots
{
    private const ushort MachineX64 = 62;
    private const ushort MachineArm64 = 183;
    private const uint X64JumpSlot = 7;       // R_X86_64_JUMP_SLOT
    private const uint Arm64JumpSlot = 1026;  // R_AARCH64_JUMP_SLOT
    private const int RelocationSize = 24;    // Elf64_Rela: r_offset u64, r_info u64, r_addend i64.
    private const int SymbolSize = 24;        // Elf64_Sym: st_name u32 first.

    /// <summary>
    /// The JUMP_SLOT relocation offsets (addresses relative to the library's load base) of each symbol in
    /// <paramref name="names"/> that the library calls; a name it never calls through its PLT is missing.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ulong>> Find(ElfImage image, IReadOnlyCollection<string> names)
    {
        uint jumpSlot = image.U16(0x12) switch // e_machine
        {
            MachineX64 => X64JumpSlot,
            MachineArm64 => Arm64JumpSlot,
            var machine => throw image.Malformed($"its machine type {machine} is neither x86-64 nor AArch64"),
        };
        var found = new Dictionary<string, List<ulong>>(StringComparer.Ordinal);
        if (image.FindSection(ElfImage.SectionTypeDynamicSymbols) is not { } symbols)
            return new Dictionary<string, IReadOnlyList<ulong>>();
        var strings = image.SectionAt(symbols.Link, ".dynsym's string table link");
        foreach (var section in image.Sections)
        {
            if (section.Type != ElfImage.SectionTypeRelocationsWithAddends || section.Link != symbols.Index)
                continue;
            for (long entry = section.Offset; entry <= section.Offset + section.Size - RelocationSize; entry += RelocationSize)
            {
                image.CheckInside(section, entry, RelocationSize, "relocation");
                ulong info = image.U64(entry + 8);
                if ((uint)info != jumpSlot)
                    continue;
                long symbol = symbols.Offset + (long)(info >> 32) * SymbolSize;
                image.CheckInside(symbols, symbol, SymbolSize, ".dynsym entry of a relocation");
                string name = image.ReadString(strings, image.U32(symbol), "a relocated symbol's name");
                if (!names.Contains(name))
                    continue;
                if (!found.TryGetValue(name, out var offsets))
                    found[name] = offsets = [];
                offsets.Add(image.U64(entry));
            }
        }

        return found.ToDictionary(p => p.Key, p => (IReadOnlyList<ulong>)p.Value, StringComparer.Ordinal);
    }
}
