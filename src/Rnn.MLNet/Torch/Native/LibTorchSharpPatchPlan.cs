namespace Rnn.MLNet;

/// <summary>What the native loader should do about libLibTorchSharp.so's libstdc++ version requirements.</summary>
internal enum LibTorchSharpPatchDecision
{
    /// <summary>libstdc++ provides every version the library requires; a load failure has another cause.</summary>
    NotNeeded,

    /// <summary>The missing versions bind only symbols that are never resolved: mark them weak in a copy.</summary>
    Patch,

    /// <summary>A missing version binds a symbol the library may use: patching would defer the failure to a crash.</summary>
    Refused,
}

/// <summary>
/// The decision about patching libLibTorchSharp.so, and why. TorchSharp 0.107.0's build of it (GCC 13) requires
/// GLIBCXX_3.4.32 only for <c>_ZSt21ios_base_library_initv</c>, which GCC 13's &lt;iostream&gt; names without ever
/// calling it; an older libstdc++ (Debian 12 stops at GLIBCXX_3.4.30) makes glibc refuse the whole library.
/// </summary>
/// <param name="Decision">What to do.</param>
/// <param name="Versions">The required versions that libstdc++ lacks (the ones to mark weak for <see cref="LibTorchSharpPatchDecision.Patch"/>).</param>
/// <param name="Symbols">The symbols bound to those versions.</param>
/// <param name="Reason">One sentence for logs and error messages.</param>
internal sealed record LibTorchSharpPatchPlan(
    LibTorchSharpPatchDecision Decision, IReadOnlyList<ElfVersionRequirement> Versions, IReadOnlyList<string> Symbols, string Reason)
{
    /// <summary>The soname whose versions are checked.</summary>
    public const string LibStdCxx = "libstdc++.so.6";

    /// <summary>
    /// Symbols known to be referenced but never called. A missing version is only made weak when every symbol bound
    /// to it is listed here and no relocation names it (so the loader never has to resolve it).
    /// </summary>
    public static readonly IReadOnlySet<string> NeverCalledSymbols = new HashSet<string>(StringComparer.Ordinal)
    {
        "_ZSt21ios_base_library_initv", // std::ios_base_library_init(): a link-time anchor of GCC 13's <iostream>.
    };

    /// <summary>Decides for <paramref name="library"/> given the versions that <paramref name="libStdCxxPath"/> defines.</summary>
    public static LibTorchSharpPatchPlan Decide(ElfImage library, IReadOnlySet<string> libStdCxxVersions, string libStdCxxPath)
    {
        var missing = ElfVersionNeeds.Read(library)
            .Where(r => r.FileName == LibStdCxx && !r.IsWeak && !libStdCxxVersions.Contains(r.VersionName))
            .ToList();
        if (missing.Count == 0)
            return new(LibTorchSharpPatchDecision.NotNeeded, [], [], $"{libStdCxxPath} provides every version {library.Name} requires from it");

        string versions = string.Join(", ", missing.Select(r => r.VersionName));
        var relocated = ElfDynamicSymbols.Relocated(library);
        var symbols = new List<string>();
        foreach (var requirement in missing)
        {
            foreach (var (index, name) in ElfDynamicSymbols.BoundTo(library, requirement.Index))
            {
                if (!NeverCalledSymbols.Contains(name))
                    return Refuse($"{library.Name} binds {name} to {requirement.VersionName}, which {libStdCxxPath} lacks; only {string.Join(", ", NeverCalledSymbols)} is known to be unused");
                if (relocated.Contains(index))
                    return Refuse($"{library.Name} has a relocation against {name}@{requirement.VersionName}, so the loader would need it from {libStdCxxPath}, which lacks it");
                symbols.Add(name);
            }
        }

        return new(LibTorchSharpPatchDecision.Patch, missing, symbols,
            $"{libStdCxxPath} lacks {versions}, which {library.Name} requires only for {(symbols.Count == 0 ? "no symbol" : string.Join(", ", symbols))} (never called)");

        LibTorchSharpPatchPlan Refuse(string reason) => new(LibTorchSharpPatchDecision.Refused, missing, [], reason);
    }
}
