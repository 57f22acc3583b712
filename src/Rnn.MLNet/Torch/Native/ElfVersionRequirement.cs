namespace Rnn.MLNet;

/// <summary>One symbol version a shared library requires from another (a Vernaux entry of .gnu.version_r).</summary>
/// <param name="FileName">The library that must provide it (vn_file), e.g. "libstdc++.so.6".</param>
/// <param name="VersionName">The version (vna_name), e.g. "GLIBCXX_3.4.32".</param>
/// <param name="Flags">vna_flags; <see cref="WeakFlag"/> makes a missing version non-fatal for glibc's loader.</param>
/// <param name="Index">vna_other: the version index that .gnu.version uses for symbols bound to this version.</param>
/// <param name="FlagsOffset">File offset of the two vna_flags bytes.</param>
internal sealed record ElfVersionRequirement(string FileName, string VersionName, ushort Flags, ushort Index, long FlagsOffset)
{
    /// <summary>VER_FLG_WEAK.</summary>
    public const ushort WeakFlag = 0x2;

    /// <summary>Whether glibc's loader accepts the library when the providing library lacks this version.</summary>
    public bool IsWeak => (Flags & WeakFlag) != 0;
}
