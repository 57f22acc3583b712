namespace Rnn.MLNet;

/// <summary>Reads the version requirements (.gnu.version_r) of an ELF64 shared library.</summary>
internal static class ElfVersionNeeds
{
    // Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
    // Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
    private const int EntrySize = 16;

    /// <summary>Every Vernaux entry, in file order; empty when the library has no .gnu.version_r.</summary>
    public static IReadOnlyList<ElfVersionRequirement> Read(ElfImage image)
    {
        if (image.FindSection(ElfImage.SectionTypeVersionNeeds) is not { } section)
            return [];
        var strings = image.SectionAt(section.Link, ".gnu.version_r's string table link");
        var requirements = new List<ElfVersionRequirement>();

        // Each entry takes at least 16 bytes, so the section size bounds every walk (no loops on bad links).
        long limit = section.Size / EntrySize;
        long need = section.Offset;
        for (long n = 0; n < limit; n++)
        {
            image.CheckInside(section, need, EntrySize, ".gnu.version_r entry");
            string file = image.ReadString(strings, image.U32(need + 4), ".gnu.version_r file name");
            int auxCount = image.U16(need + 2);
            long aux = need + image.U32(need + 8);
            for (int a = 0; a < auxCount && a < limit; a++)
            {
                image.CheckInside(section, aux, EntrySize, ".gnu.version_r version entry");
                requirements.Add(new ElfVersionRequirement(
                    file,
                    image.ReadString(strings, image.U32(aux + 8), ".gnu.version_r version name"),
                    Flags: image.U16(aux + 4),
                    Index: image.U16(aux + 6),
                    FlagsOffset: aux + 4));
                uint nextAux = image.U32(aux + 12);
                if (nextAux == 0)
                    break;
                aux += nextAux;
            }

            uint next = image.U32(need + 12);
            if (next == 0)
                break;
            need += next;
        }

        return requirements;
    }
}
