namespace Rnn.MLNet;

/// <summary>Reads the symbol versions an ELF64 shared library defines (.gnu.version_d), e.g. libstdc++'s GLIBCXX_3.4.x.</summary>
internal static class ElfVersionDefinitions
{
    // Verdef: vd_version u16, vd_flags u16, vd_ndx u16, vd_cnt u16, vd_hash u32, vd_aux u32, vd_next u32.
    // Verdaux: vda_name u32, vda_next u32. The first Verdaux names the version; later ones name its parents.
    private const int DefinitionSize = 20;
    private const int AuxiliarySize = 8;

    /// <summary>The names of the defined versions; empty when the library has no .gnu.version_d.</summary>
    public static IReadOnlySet<string> ReadNames(ElfImage image)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (image.FindSection(ElfImage.SectionTypeVersionDefinitions) is not { } section)
            return names;
        var strings = image.SectionAt(section.Link, ".gnu.version_d's string table link");

        long limit = section.Size / DefinitionSize;
        long definition = section.Offset;
        for (long n = 0; n < limit; n++)
        {
            image.CheckInside(section, definition, DefinitionSize, ".gnu.version_d entry");
            if (image.U16(definition + 6) > 0)
            {
                long aux = definition + image.U32(definition + 12);
                image.CheckInside(section, aux, AuxiliarySize, ".gnu.version_d name entry");
                names.Add(image.ReadString(strings, image.U32(aux), ".gnu.version_d version name"));
            }

            uint next = image.U32(definition + 16);
            if (next == 0)
                break;
            definition += next;
        }

        return names;
    }
}
