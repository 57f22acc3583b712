namespace Rnn.Examples.Common;

/// <summary>
/// Resolves the folder where examples keep downloaded data sets.
/// </summary>
/// <remarks>
/// Lookup order:
/// <list type="number">
///   <item><description><c>$RNN_MLNET_DATA</c>, if set and non-empty;</description></item>
///   <item><description><c>$XDG_CACHE_HOME/rnn-mlnet</c>, if <c>XDG_CACHE_HOME</c> is an absolute path;</description></item>
///   <item><description><c>~/.cache/rnn-mlnet</c>.</description></item>
/// </list>
/// The folder is created on first use.
/// </remarks>
public static class DataCache
{
    /// <summary>Environment variable that overrides the cache folder.</summary>
    public const string EnvironmentVariable = "RNN_MLNET_DATA";

    /// <summary>Name of the sub-folder used under the XDG / home cache folder.</summary>
    public const string FolderName = "rnn-mlnet";

    /// <summary>
    /// Returns the cache root folder, creating it if needed.
    /// </summary>
    /// <remarks>Resolved on every call so that tests can change the environment between calls.</remarks>
    public static string GetRoot()
    {
        var root = ResolveRoot();
        try
        {
            Directory.CreateDirectory(root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Cannot create the data cache folder '{root}' ({ex.Message}). " +
                $"Set {EnvironmentVariable} to a writable folder.", ex);
        }
        return root;
    }

    /// <summary>
    /// Returns (and creates) a sub-folder of the cache root, e.g. <c>GetDirectory("apt", "lists")</c>.
    /// </summary>
    /// <param name="parts">Relative path segments below the cache root.</param>
    public static string GetDirectory(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var dir = Path.Combine([GetRoot(), .. parts]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string ResolveRoot()
    {
        var explicitDir = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(explicitDir))
            return Path.GetFullPath(ExpandHome(explicitDir));

        // The XDG spec says relative values must be ignored.
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
            return Path.Combine(xdg, FolderName);

        var home = GetHome();
        return Path.Combine(home, ".cache", FolderName);
    }

    private static string GetHome()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home))
            home = Environment.GetEnvironmentVariable("HOME") ?? "";
        if (string.IsNullOrEmpty(home))
            throw new InvalidOperationException(
                $"Cannot determine the home directory; set {EnvironmentVariable} to a writable folder for downloaded data.");
        return home;
    }

    // Shells expand "~" but values set from e.g. launchSettings.json or CI YAML may not be expanded.
    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? GetHome() + path[1..]
            : path;
}
