using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Rnn.MLNet;

/// <summary>
/// Answers the runtime's request for TorchSharp's native library "LibTorchSharp" once .NET's own probing has failed:
/// when the cause is a libstdc++ older than the library requires and only never-called symbols depend on the missing
/// versions, it loads a copy from <see cref="Cache"/> in which those requirements are weak. It never changes a load
/// that works, never writes next to the original, and loads each libtorch library at most once.
/// </summary>
internal sealed class LibTorchSharpLoader
{
    /// <summary>The name TorchSharp loads and imports.</summary>
    public const string LibraryName = "LibTorchSharp";

    /// <summary>The file behind <see cref="LibraryName"/> on Linux.</summary>
    public const string FileName = "libLibTorchSharp.so";

    private readonly object _gate = new();
    private readonly Func<string, string?> _environment;
    private bool _attempted;
    private IntPtr _handle;

    /// <summary>A loader that keeps its copies in <paramref name="cache"/> and reads settings from <paramref name="environment"/>.</summary>
    public LibTorchSharpLoader(PatchedLibraryCache cache, Func<string, string?> environment)
    {
        Cache = cache;
        _environment = environment;
    }

    /// <summary>Where patched copies go.</summary>
    public PatchedLibraryCache Cache { get; }

    /// <summary>What the loader did, or why it did nothing; null until it was asked for LibTorchSharp.</summary>
    public string? Outcome { get; private set; }

    /// <summary>
    /// A handler for <see cref="System.Runtime.Loader.AssemblyLoadContext.ResolvingUnmanagedDll"/>: the handle of the
    /// patched copy for LibTorchSharp, or zero (leave the failure as it is). The first request decides; later ones reuse it.
    /// </summary>
    public IntPtr Resolve(Assembly requester, string libraryName)
    {
        if (!IsLibTorchSharp(libraryName) || !OperatingSystem.IsLinux())
            return IntPtr.Zero;
        lock (_gate)
        {
            if (!_attempted)
            {
                _attempted = true;
                _handle = LoadPatchedCopy(SearchDirectories(requester));
            }

            return _handle;
        }
    }

    /// <summary>
    /// The folders .NET probes for a native library of <paramref name="requester"/>, in its order: the app's native
    /// search directories (from deps.json), the assembly's folder, then that folder's runtimes/linux-x64/native.
    /// </summary>
    public static IReadOnlyList<string> SearchDirectories(Assembly requester)
    {
        var directories = new List<string>();
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchPath)
            directories.AddRange(searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var assembly in new[] { requester, typeof(TorchSharp.torch).Assembly })
        {
            if (Path.GetDirectoryName(assembly.Location) is { Length: > 0 } folder)
            {
                directories.Add(folder);
                directories.Add(Path.Combine(folder, "runtimes", "linux-x64", "native"));
            }
        }

        return directories.Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d))).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Decides about <paramref name="originalPath"/> against <paramref name="libStdCxxPath"/> and, when a patch is
    /// called for, puts the patched copy in the cache (without loading it). Null when there is nothing to do; see <see cref="Outcome"/>.
    /// </summary>
    public PreparedLibTorchSharp? Prepare(string originalPath, string? libStdCxxPath)
    {
        var image = ElfImage.Read(originalPath);
        if (libStdCxxPath is null)
        {
            Outcome = $"{originalPath} was left alone: no {LibTorchSharpPatchPlan.LibStdCxx} was found to check it against";
            return null;
        }

        var plan = LibTorchSharpPatchPlan.Decide(image, ElfVersionDefinitions.ReadNames(ElfImage.Read(libStdCxxPath)), libStdCxxPath);
        if (plan.Decision != LibTorchSharpPatchDecision.Patch)
        {
            Outcome = $"{originalPath} was not patched: {plan.Reason}";
            return null;
        }

        string patchedPath = Cache.GetOrCreate(image.Bytes, ElfVersionPatch.MarkWeak(image, plan.Versions), FileName);
        return new PreparedLibTorchSharp(originalPath, patchedPath, plan, ElfNeededLibraries.Read(image));
    }

    /// <summary>Whether a requested native library name means TorchSharp's bridge.</summary>
    public static bool IsLibTorchSharp(string name) => name is LibraryName or FileName or "libLibTorchSharp";

    private IntPtr LoadPatchedCopy(IReadOnlyList<string> directories)
    {
        if (NativeLoadSettings.PatchDisabled(_environment))
        {
            Outcome = $"patching is turned off ({NativeLoadSettings.PatchVariable}={_environment(NativeLoadSettings.PatchVariable)})";
            return IntPtr.Zero;
        }

        string? original = directories.Select(d => Path.Combine(d, FileName)).FirstOrDefault(File.Exists);
        if (original is null)
        {
            Outcome = $"no {FileName} was found in {string.Join(", ", directories)}";
            return IntPtr.Zero;
        }

        try
        {
            if (Prepare(original, LibStdCxxLocator.Locate()) is not { } prepared)
                return IntPtr.Zero;
            PreloadDependencies(prepared, directories);
            var handle = NativeLibrary.Load(prepared.PatchedPath);
            Outcome = $"loaded {prepared.PatchedPath}, a copy of {original} with {string.Join(", ", prepared.Plan.Versions.Select(v => v.VersionName))} " +
                $"marked weak, because {prepared.Plan.Reason}";
            Trace.WriteLine(Outcome, "Rnn.MLNet");
            return handle;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or DllNotFoundException or BadImageFormatException)
        {
            Outcome = $"a patched copy of {original} could not be made or loaded: {e.Message}";
            return IntPtr.Zero;
        }
    }

    /// <summary>
    /// The copy's $ORIGIN is its cache folder, where its libtorch dependencies are not. Loading them by full path
    /// from the folders .NET would use lets the loader match the copy's DT_NEEDED entries by soname. A library
    /// already mapped is left alone: two copies of libtorch_cpu.so in one process abort it.
    /// </summary>
    private static void PreloadDependencies(PreparedLibTorchSharp prepared, IReadOnlyList<string> directories)
    {
        foreach (var name in prepared.Needed)
        {
            if (ProcessMaps.Named(name).Count > 0)
                continue;
            if (directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists) is { } path)
                NativeLibrary.Load(path);
        }
    }
}
