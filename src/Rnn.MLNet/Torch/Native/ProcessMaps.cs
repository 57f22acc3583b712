namespace Rnn.MLNet;

/// <summary>The files mapped into this process, from Linux's /proc/self/maps (what the dynamic loader really loaded).</summary>
internal static class ProcessMaps
{
    private const string Path = "/proc/self/maps";
    private const string DeletedSuffix = " (deleted)";

    /// <summary>Distinct absolute paths of mapped files, in first-mapped order; empty where /proc is unavailable.</summary>
    public static IReadOnlyList<string> MappedFiles()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            // "address perms offset dev inode    pathname": the path is everything after the fifth field.
            if (PathOf(line) is { } file && seen.Add(file))
                files.Add(file);
        }

        return files;
    }

    /// <summary>Mapped files whose file name is exactly <paramref name="fileName"/> (e.g. "libtorch_cpu.so").</summary>
    public static IReadOnlyList<string> Named(string fileName) =>
        MappedFiles().Where(f => System.IO.Path.GetFileName(f) == fileName).ToList();

    private static string? PathOf(string line)
    {
        int at = 0;
        for (int field = 0; field < 5; field++)
        {
            while (at < line.Length && line[at] == ' ')
                at++;
            while (at < line.Length && line[at] != ' ')
                at++;
        }

        var path = line[at..].TrimStart();
        if (!path.StartsWith('/'))
            return null;
        return path.EndsWith(DeletedSuffix, StringComparison.Ordinal) ? path[..^DeletedSuffix.Length] : path;
    }
}
