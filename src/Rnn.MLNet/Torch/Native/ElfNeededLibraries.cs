namespace Rnn.MLNet;

/// <summary>Reads the DT_NEEDED entries of an ELF64 shared library: the libraries the loader must find for it.</summary>
internal static class ElfNeededLibraries
{
    private const int EntrySize = 16; // Elf64_Dyn: d_tag i64, d_val u64.
    private const ulong TagNull = 0;
    private const ulong TagNeeded = 1;

    /// <summary>The needed library names (sonames such as "libtorch_cpu.so"), in load order.</summary>
    public static IReadOnlyList<string> Read(ElfImage image)
    {
        if (image.FindSection(ElfImage.SectionTypeDynamic) is not { } dynamic)
            return [];
        var strings = image.SectionAt(dynamic.Link, ".dynamic's string table link");
        var needed = new List<string>();
        for (long entry = dynamic.Offset; entry <= dynamic.Offset + dynamic.Size - EntrySize; entry += EntrySize)
        {
            image.CheckInside(dynamic, entry, EntrySize, ".dynamic entry");
            ulong tag = image.U64(entry);
            if (tag == TagNull)
                break;
            if (tag == TagNeeded)
            {
                ulong name = image.U64(entry + 8);
                if (name > uint.MaxValue)
                    throw image.Malformed($"a DT_NEEDED entry has string offset 0x{name:x}");
                needed.Add(image.ReadString(strings, (uint)name, "DT_NEEDED name"));
            }
        }

        return needed;
    }
}
