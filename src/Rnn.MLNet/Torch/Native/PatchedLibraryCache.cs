using System.Security.Cryptography;

namespace Rnn.MLNet;

/// <summary>A folder that may hold patched copies; <paramref name="OwnerOnly"/> roots sit in a shared parent (the temp folder) and must not be open to other users.</summary>
/// <param name="Path">The folder.</param>
/// <param name="OwnerOnly">Create it with mode 0700 and refuse it when group or others may write or read it.</param>
internal readonly record struct PatchedLibraryCacheRoot(string Path, bool OwnerOnly);

/// <summary>
/// Per-user cache of patched native libraries: <c>&lt;root&gt;/&lt;SHA-256 of the original&gt;/&lt;file name&gt;</c>.
/// A copy is written to a temp file in its final folder and renamed into place, so readers (and racing processes)
/// only ever see a complete file; an existing copy is reused only when its bytes are exactly the expected ones.
/// </summary>
internal sealed class PatchedLibraryCache
{
    private const UnixFileMode OwnerOnlyMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OthersMode = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>A cache over <paramref name="roots"/>, tried in order until one is writable.</summary>
    public PatchedLibraryCache(IReadOnlyList<PatchedLibraryCacheRoot> roots) => Roots = roots;

    /// <summary>The folders tried in order.</summary>
    public IReadOnlyList<PatchedLibraryCacheRoot> Roots { get; }

    /// <summary>
    /// The user's cache: the folder in <see cref="NativeLoadSettings.CacheVariable"/> when set, then
    /// $XDG_CACHE_HOME/rnn-mlnet/native (default ~/.cache/rnn-mlnet/native), then an owner-only folder in the temp folder.
    /// </summary>
    public static PatchedLibraryCache ForUser(Func<string, string?> environment)
    {
        var roots = new List<PatchedLibraryCacheRoot>();
        if (environment(NativeLoadSettings.CacheVariable) is { Length: > 0 } chosen)
            roots.Add(new(Path.GetFullPath(chosen), OwnerOnly: false));
        string? cacheHome = environment("XDG_CACHE_HOME") is { } xdg && Path.IsPathFullyQualified(xdg) ? xdg
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? Path.Combine(home, ".cache")
            : null;
        if (cacheHome is not null)
            roots.Add(new(Path.Combine(cacheHome, "rnn-mlnet", "native"), OwnerOnly: false));
        roots.Add(new(Path.Combine(Path.GetTempPath(), $"rnn-mlnet-{Environment.UserName}"), OwnerOnly: true));
        return new PatchedLibraryCache(roots);
    }

    /// <summary>The folder name for copies of <paramref name="original"/>: its SHA-256 in lower-case hex.</summary>
    public static string KeyOf(ReadOnlySpan<byte> original) => Convert.ToHexStringLower(SHA256.HashData(original));

    /// <summary>
    /// The path of a file named <paramref name="fileName"/> holding exactly <paramref name="patched"/>, in the folder
    /// keyed by <paramref name="original"/>'s hash under the first usable root; written if missing or different.
    /// </summary>
    /// <exception cref="IOException">No root could hold the file; the message lists each root's reason.</exception>
    public string GetOrCreate(ReadOnlySpan<byte> original, byte[] patched, string fileName)
    {
        string key = KeyOf(original);
        var failures = new List<string>();
        foreach (var root in Roots)
        {
            string? temp = null;
            try
            {
                string folder = Path.Combine(Usable(root), key);
                Directory.CreateDirectory(folder);
                string target = Path.Combine(folder, fileName);
                if (Holds(target, patched))
                    return target;

                temp = Path.Combine(folder, $".{fileName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(patched);
                    stream.Flush(flushToDisk: true);
                }

                // rename(2): atomic, so a racing process either keeps its own identical file or gets this one.
                File.Move(temp, target, overwrite: true);
                temp = null;
                return target;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures.Add($"{root.Path}: {e.Message}");
            }
            finally
            {
                if (temp is not null)
                    TryDelete(temp);
            }
        }

        throw new IOException($"No cache folder could hold a patched copy of {fileName}: {string.Join("; ", failures)}");
    }

    private static string Usable(PatchedLibraryCacheRoot root)
    {
        if (!root.OwnerOnly || OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(root.Path);
            return root.Path;
        }

        Directory.CreateDirectory(root.Path, OwnerOnlyMode);
        if (new DirectoryInfo(root.Path).LinkTarget is { } target)
            throw new IOException($"{root.Path} is a symbolic link (to {target}); a library loaded through it could be swapped");
        var mode = File.GetUnixFileMode(root.Path);
        if ((mode & OthersMode) != 0)
            throw new IOException($"{root.Path} is open to other users (mode {Convert.ToString((int)mode, 8)}); a library loaded from it could be swapped");
        return root.Path;
    }

    private static bool Holds(string path, byte[] expected)
    {
        var info = new FileInfo(path);
        return info.Exists && info.Length == expected.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(expected);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp file is harmless: its name never matches a library.
        }
    }
}
