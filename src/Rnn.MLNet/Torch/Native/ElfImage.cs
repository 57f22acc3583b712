using System.Buffers.Binary;
using System.Text;

namespace Rnn.MLNet;

/// <summary>
/// A bounds-checked, read-only view of a little-endian ELF64 file (the format of Linux x64 shared libraries).
/// Every read checks its range, so a truncated or malformed file raises <see cref="InvalidDataException"/>
/// naming the file and what was wrong instead of reading out of bounds.
/// </summary>
internal sealed class ElfImage
{
    /// <summary>SHT_RELA: relocations with addends.</summary>
    public const uint SectionTypeRelocationsWithAddends = 4;

    /// <summary>SHT_DYNAMIC: the dynamic section (DT_NEEDED and friends).</summary>
    public const uint SectionTypeDynamic = 6;

    /// <summary>SHT_REL: relocations without addends.</summary>
    public const uint SectionTypeRelocations = 9;

    /// <summary>SHT_DYNSYM: the dynamic symbol table.</summary>
    public const uint SectionTypeDynamicSymbols = 11;

    /// <summary>SHT_GNU_verdef: versions this file defines (.gnu.version_d).</summary>
    public const uint SectionTypeVersionDefinitions = 0x6ffffffd;

    /// <summary>SHT_GNU_verneed: versions this file requires from others (.gnu.version_r).</summary>
    public const uint SectionTypeVersionNeeds = 0x6ffffffe;

    /// <summary>SHT_GNU_versym: the version index of each dynamic symbol (.gnu.version).</summary>
    public const uint SectionTypeSymbolVersions = 0x6fffffff;

    private const int HeaderSize = 64;
    private const int SectionHeaderSize = 64;

    private readonly byte[] _bytes;

    /// <summary>Parses the ELF header and section header table of <paramref name="bytes"/> (not copied).</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="name">What to call the file in error messages (usually its path).</param>
    public ElfImage(byte[] bytes, string name)
    {
        _bytes = bytes;
        Name = name;
        if (bytes.Length < HeaderSize || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            throw Malformed("it is not an ELF file (no \\x7fELF header)");
        if (bytes[4] != 2 || bytes[5] != 1)
            throw Malformed($"it is not a little-endian ELF64 file (class {bytes[4]}, data encoding {bytes[5]}; expected 2 and 1)");
        Sections = ReadSectionHeaders();
    }

    /// <summary>What the file is called in error messages.</summary>
    public string Name { get; }

    /// <summary>The whole file.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The section header table, in file order.</summary>
    public IReadOnlyList<ElfSection> Sections { get; }

    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    public static ElfImage Read(string path) => new(File.ReadAllBytes(path), path);

    /// <summary>The first section of the given sh_type, or null when there is none.</summary>
    public ElfSection? FindSection(uint type)
    {
        foreach (var section in Sections)
        {
            if (section.Type == type)
                return section;
        }

        return null;
    }

    /// <summary>The section at <paramref name="index"/> (e.g. a sh_link), checked against the table.</summary>
    public ElfSection SectionAt(uint index, string purpose) =>
        index < Sections.Count ? Sections[(int)index] : throw Malformed($"{purpose} points at section {index}, but there are only {Sections.Count}");

    /// <summary>Throws unless [<paramref name="offset"/>, +<paramref name="size"/>) lies inside <paramref name="section"/> and the file.</summary>
    public void CheckInside(ElfSection section, long offset, long size, string what)
    {
        if (offset < section.Offset || size < 0 || offset > section.Offset + section.Size - size || offset > _bytes.Length - size)
            throw Malformed($"{what} at 0x{offset:x} (+{size} bytes) lies outside its section [0x{section.Offset:x}, +0x{section.Size:x}) or the file (0x{_bytes.Length:x} bytes)");
    }

    /// <summary>The NUL-terminated string at <paramref name="offset"/> of string table <paramref name="strings"/>.</summary>
    public string ReadString(ElfSection strings, uint offset, string what)
    {
        if (offset >= strings.Size)
            throw Malformed($"{what} has string offset {offset}, past the end of its string table ({strings.Size} bytes)");
        CheckInside(strings, strings.Offset + offset, 1, what);
        long start = strings.Offset + offset;
        long end = Math.Min(strings.Offset + strings.Size, _bytes.Length);
        int length = Array.IndexOf(_bytes, (byte)0, (int)start, (int)(end - start)) - (int)start;
        if (length < 0)
            throw Malformed($"{what} is not NUL-terminated inside its string table");
        return Encoding.UTF8.GetString(_bytes, (int)start, length);
    }

    /// <summary>A little-endian u16 at a file offset.</summary>
    public ushort U16(long offset) => BinaryPrimitives.ReadUInt16LittleEndian(Field(offset, 2));

    /// <summary>A little-endian u32 at a file offset.</summary>
    public uint U32(long offset) => BinaryPrimitives.ReadUInt32LittleEndian(Field(offset, 4));

    /// <summary>A little-endian u64 at a file offset.</summary>
    public ulong U64(long offset) => BinaryPrimitives.ReadUInt64LittleEndian(Field(offset, 8));

    /// <summary>The exception for a file that breaks the ELF rules (or ours).</summary>
    public InvalidDataException Malformed(string problem) => new($"{Name} cannot be read as an ELF shared library: {problem}.");

    private ReadOnlySpan<byte> Field(long offset, int width) =>
        offset >= 0 && offset <= _bytes.Length - width
            ? _bytes.AsSpan((int)offset, width)
            : throw Malformed($"a {width}-byte field at 0x{offset:x} lies outside the file (0x{_bytes.Length:x} bytes)");

    /// <summary>An offset or size read from the file, refused when it cannot address a byte array.</summary>
    private long Length(ulong value, string what) =>
        value <= int.MaxValue ? (long)value : throw Malformed($"{what} is 0x{value:x}, beyond any file this reader accepts");

    private ElfSection[] ReadSectionHeaders()
    {
        // e_shoff at 0x28, e_shentsize at 0x3a, e_shnum at 0x3c.
        long table = Length(U64(0x28), "the section header offset (e_shoff)");
        int entrySize = U16(0x3a);
        long count = U16(0x3c);
        if (table == 0)
            throw Malformed("it has no section header table");
        if (entrySize < SectionHeaderSize)
            throw Malformed($"its section headers are {entrySize} bytes (e_shentsize); ELF64 needs {SectionHeaderSize}");
        if (count == 0)
        {
            // More than 0xff00 sections: the real count is section 0's sh_size.
            count = Length(U64(table + 32), "the extended section count");
        }

        if (count > (_bytes.Length - table) / entrySize)
            throw Malformed($"its {count} section headers of {entrySize} bytes at 0x{table:x} run past the end of the file");

        var sections = new ElfSection[count];
        for (int i = 0; i < count; i++)
        {
            long header = table + (long)i * entrySize;
            // A section whose range is bad only matters when it is read; CheckInside refuses it then.
            sections[i] = new ElfSection(
                i,
                Type: U32(header + 4),
                Offset: Length(U64(header + 24), $"section {i}'s offset"),
                Size: Length(U64(header + 32), $"section {i}'s size"),
                Link: U32(header + 40),
                Info: U32(header + 44),
                EntrySize: Length(U64(header + 56), $"section {i}'s entry size"));
        }

        return sections;
    }
}
