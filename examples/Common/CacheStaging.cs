namespace Rnn.Examples.Common;

/// <summary>
/// Helpers for the "extract into a temporary folder, then rename" pattern that fetchers use so a
/// cache entry is either complete (has its marker file) or absent.
/// </summary>
internal static class CacheStaging
{
    /// <summary>
    /// Creates a fresh work folder under <c>&lt;root&gt;/.tmp/</c>. Working inside the cache (not /tmp)
    /// makes the final <see cref="Publish"/> a same-filesystem rename.
    /// </summary>
    public static string CreateWorkDirectory(string root, string name)
    {
        var work = Path.Combine(root, ".tmp", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        return work;
    }

    /// <summary>Deletes a work folder from <see cref="CreateWorkDirectory"/>, and <c>.tmp</c> if that is then empty.</summary>
    public static void DeleteWorkDirectory(string work)
    {
        TryDeleteDirectory(work);
        TryDeleteIfEmpty(Path.GetDirectoryName(work)!);
    }

    /// <summary>
    /// Moves the fully prepared <paramref name="stage"/> folder (which already contains
    /// <paramref name="markerFileName"/>) to <paramref name="target"/>.
    /// </summary>
    public static void Publish(string stage, string target, string markerFileName)
    {
        // A folder without marker is a leftover of an interrupted extraction: replace it.
        if (Directory.Exists(target) && !File.Exists(Path.Combine(target, markerFileName)))
            Directory.Delete(target, recursive: true);
        try
        {
            Directory.Move(stage, target);
        }
        catch (IOException) when (File.Exists(Path.Combine(target, markerFileName)))
        {
            // Another process finished the same package first; its copy is just as good.
        }
    }

    private static void TryDeleteDirectory(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
        catch (IOException) { /* best effort: a leftover temp folder is harmless */ }
        catch (UnauthorizedAccessException) { }
    }

    private static void TryDeleteIfEmpty(string dir)
    {
        try
        {
            if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
                Directory.Delete(dir);
        }
        catch (IOException) { /* another fetch may have just created its folder there */ }
        catch (UnauthorizedAccessException) { }
    }
}
