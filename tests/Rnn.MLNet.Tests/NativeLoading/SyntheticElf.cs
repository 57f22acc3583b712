using System.Buffers.Binary;
using System.Text;

namespace Rnn.MLNet.Tests;

/// <summary>
/// Builds a minimal little-endian ELF64 shared library image with the sections the native loader reads:
/// .dynstr, .dynsym, .gnu.version, .gnu.version_r, .rela.dyn, .dynamic and .gnu.version_d.
/// </summary>
internal sealed class SyntheticElf
{
    private readonly List<string> _needed = [];
    private readonly List<(string File, (string Version, ushort Flags, ushort Index)[] Versions)> _requirements = [];
    private readonly List<(string Name, ushort Version, bool Relocated)> _symbols = [];
    private readonly List<string> _definitions = [];

    public SyntheticElf Needs(string soname)
    {
        _needed.Add(soname);
        return this;
    }

    public SyntheticElf Requires(string file, params (string Version, ushort Flags, ushort Index)[] versions)
    {
        _requirements.Add((file, versions));
        return this;
    }

    public SyntheticElf Symbol(string name, ushort version, bool relocated = false)
    {
        _symbols.Add((name, version, relocated));
        return this;
    }

    public SyntheticElf Defines(params string[] versions)
    {
        _definitions.AddRange(versions);
        return this;
    }

    /// <summary>The typical libLibTorchSharp.so shape: libstdc++ versions 3.4.30 (index 2) and 3.4.32 (index 3, flags as given).</summary>
    public static SyntheticElf LikeLibTorchSharp(ushort flagsOf3432 = 0) => new SyntheticElf()
        .Needs("libtorch_cpu.so").Needs("libstdc++.so.6")
        .Requires("libc.so.6", ("GLIBC_2.2.5", 0, 4))
        .Requires("libstdc++.so.6", ("GLIBCXX_3.4.30", 0, 2), ("GLIBCXX_3.4.32", flagsOf3432, 3))
        .Symbol("_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE", version: 2, relocated: true)
        .Symbol("_ZSt21ios_base_library_initv", version: 3)
        .Symbol("malloc", version: 4, relocated: true);

    public byte[] Build()
    {
        var strings = new StringTable();
        var body = new MemoryStream();
        var sections = new List<(uint Type, long Offset, long Size, uint Link, uint Info, long EntrySize)> { default };

        // Section indexes are fixed: 1 .dynstr, 2 .dynsym, then the rest.
        foreach (var s in _needed) strings.Add(s);
        foreach (var (file, versions) in _requirements)
        {
            strings.Add(file);
            foreach (var v in versions) strings.Add(v.Version);
        }

        foreach (var s in _symbols) strings.Add(s.Name);
        foreach (var d in _definitions) strings.Add(d);

        const int headerSize = 64;
        long Place(byte[] bytes)
        {
            while (body.Length % 8 != 0) body.WriteByte(0);
            long at = headerSize + body.Length;
            body.Write(bytes);
            return at;
        }

        var dynstr = strings.Bytes();
        sections.Add((3, Place(dynstr), dynstr.Length, 0, 0, 0));

        var dynsym = new byte[24 * (_symbols.Count + 1)];
        for (int i = 0; i < _symbols.Count; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(dynsym.AsSpan(24 * (i + 1)), strings.Offset(_symbols[i].Name));
        sections.Add((11, Place(dynsym), dynsym.Length, 1, 1, 24));

        var versym = new byte[2 * (_symbols.Count + 1)];
        for (int i = 0; i < _symbols.Count; i++)
            BinaryPrimitives.WriteUInt16LittleEndian(versym.AsSpan(2 * (i + 1)), _symbols[i].Version);
        sections.Add((0x6fffffff, Place(versym), versym.Length, 2, 0, 2));

        var verneed = new MemoryStream();
        for (int n = 0; n < _requirements.Count; n++)
        {
            var (file, versions) = _requirements[n];
            bool last = n == _requirements.Count - 1;
            Write(verneed, (ushort)1, (ushort)versions.Length, strings.Offset(file), 16u, last ? 0u : (uint)(16 + 16 * versions.Length));
            for (int a = 0; a < versions.Length; a++)
            {
                var (version, flags, index) = versions[a];
                Write(verneed, 0u, flags, index, strings.Offset(version), a == versions.Length - 1 ? 0u : 16u);
            }
        }

        sections.Add((0x6ffffffe, Place(verneed.ToArray()), verneed.Length, 1, (uint)_requirements.Count, 0));

        var rela = new MemoryStream();
        for (int i = 0; i < _symbols.Count; i++)
        {
            if (!_symbols[i].Relocated)
                continue;
            Write(rela, 0x1000ul + (ulong)i * 8, ((ulong)(i + 1) << 32) | 6u, 0ul); // R_X86_64_GLOB_DAT
        }

        sections.Add((4, Place(rela.ToArray()), rela.Length, 2, 0, 24));

        var dynamic = new MemoryStream();
        foreach (var n in _needed)
            Write(dynamic, 1ul, (ulong)strings.Offset(n));
        Write(dynamic, 0ul, 0ul);
        sections.Add((6, Place(dynamic.ToArray()), dynamic.Length, 1, 0, 16));

        if (_definitions.Count > 0)
        {
            var verdef = new MemoryStream();
            for (int d = 0; d < _definitions.Count; d++)
            {
                bool last = d == _definitions.Count - 1;
                Write(verdef, (ushort)1, (ushort)0, (ushort)(d + 1), (ushort)1, 0u, 20u, last ? 0u : 28u);
                Write(verdef, strings.Offset(_definitions[d]), 0u);
            }

            sections.Add((0x6ffffffd, Place(verdef.ToArray()), verdef.Length, 1, (uint)_definitions.Count, 0));
        }

        while (body.Length % 8 != 0) body.WriteByte(0);
        long sectionTable = headerSize + body.Length;
        var image = new MemoryStream();
        var header = new byte[headerSize];
        header[0] = 0x7f; header[1] = (byte)'E'; header[2] = (byte)'L'; header[3] = (byte)'F';
        header[4] = 2; header[5] = 1; header[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x10), 3);     // ET_DYN
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x12), 62);    // EM_X86_64
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(0x28), (ulong)sectionTable);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x34), headerSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x3a), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x3c), (ushort)sections.Count);
        image.Write(header);
        image.Write(body.ToArray());
        foreach (var (type, offset, size, link, info, entrySize) in sections)
        {
            var sh = new byte[64];
            BinaryPrimitives.WriteUInt32LittleEndian(sh.AsSpan(4), type);
            BinaryPrimitives.WriteUInt64LittleEndian(sh.AsSpan(24), (ulong)offset);
            BinaryPrimitives.WriteUInt64LittleEndian(sh.AsSpan(32), (ulong)size);
            BinaryPrimitives.WriteUInt32LittleEndian(sh.AsSpan(40), link);
            BinaryPrimitives.WriteUInt32LittleEndian(sh.AsSpan(44), info);
            BinaryPrimitives.WriteUInt64LittleEndian(sh.AsSpan(56), (ulong)entrySize);
            image.Write(sh);
        }

        return image.ToArray();
    }

    private static void Write(Stream stream, params object[] fields)
    {
        Span<byte> buffer = stackalloc byte[8];
        foreach (var field in fields)
        {
            int width = field switch { ushort => 2, uint => 4, ulong => 8, _ => throw new ArgumentException(field.GetType().Name) };
            switch (field)
            {
                case ushort u16: BinaryPrimitives.WriteUInt16LittleEndian(buffer, u16); break;
                case uint u32: BinaryPrimitives.WriteUInt32LittleEndian(buffer, u32); break;
                case ulong u64: BinaryPrimitives.WriteUInt64LittleEndian(buffer, u64); break;
            }

            stream.Write(buffer[..width]);
        }
    }

    private sealed class StringTable
    {
        private readonly Dictionary<string, uint> _offsets = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];

        public void Add(string value)
        {
            if (!_offsets.ContainsKey(value))
            {
                _offsets[value] = 0;
                _order.Add(value);
            }
        }

        public uint Offset(string value) => _offsets[value];

        public byte[] Bytes()
        {
            var table = new MemoryStream();
            table.WriteByte(0);
            foreach (var value in _order)
            {
                _offsets[value] = (uint)table.Length;
                table.Write(Encoding.ASCII.GetBytes(value));
                table.WriteByte(0);
            }

            return table.ToArray();
        }
    }
}
