using System.Text;
using System.Text.RegularExpressions;

namespace Rnn.Examples.Common;

/// <summary>
/// Fetches the files of a Debian package into the data cache without installing it
/// (no root needed): <c>apt-get download</c> followed by <c>dpkg -x</c>.
/// </summary>
/// <remarks>
/// <para>
/// Layout under the cache root (see <see cref="DataCache"/>):
/// <c>&lt;cache&gt;/&lt;package&gt;/</c> holds the extracted package (e.g. <c>usr/share/...</c>) plus a
/// marker file; <c>&lt;cache&gt;/.apt/</c> holds a private copy of the apt package lists;
/// <c>&lt;cache&gt;/.tmp/</c> holds downloads in progress. Debian package names cannot start with a dot,
/// so the helper folders never collide with a package.
/// </para>
/// <para>
/// Resolution order: (1) <c>apt-get download</c> with the system package lists; (2) if that fails
/// (empty lists in fresh containers, stale lists, or the package simply unknown), the same with a
/// private copy of the lists if one exists; (3) <c>apt-get update</c> into the private lists
/// folder, which needs no root, then download again.
/// </para>
/// </remarks>
public static partial class DebianPackageFetcher
{
    /// <summary>File written into the extraction root once extraction has completed.</summary>
    public const string MarkerFileName = ".rnn-mlnet-extracted";

    /// <summary>
    /// Ensures the files of <paramref name="packageName"/> are extracted in the cache and returns the
    /// extraction root (the folder that contains the package's <c>usr/</c> tree).
    /// Returns immediately if the package was extracted before.
    /// </summary>
    /// <param name="packageName">Debian binary package name, e.g. <c>dataset-fashion-mnist</c>.</param>
    /// <param name="log">Optional progress callback (one human-readable line per call).</param>
    /// <param name="cacheRoot">Cache root; defaults to <see cref="DataCache.GetRoot"/>.</param>
    /// <exception cref="ArgumentException">The name is not a valid Debian package name.</exception>
    /// <exception cref="InvalidOperationException">
    /// apt-get or dpkg is missing, the package cannot be found, or a command failed; the message says
    /// which command to run manually.
    /// </exception>
    public static string Fetch(string packageName, Action<string>? log = null, string? cacheRoot = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(packageName);
        // Also guards against option injection: a name starting with '-' would be parsed by apt-get as an option.
        if (!PackageNameRegex().IsMatch(packageName))
            throw new ArgumentException($"'{packageName}' is not a valid Debian package name.", nameof(packageName));

        var root = cacheRoot is null ? DataCache.GetRoot() : Path.GetFullPath(cacheRoot);
        Directory.CreateDirectory(root);
        var target = Path.Combine(root, packageName);
        if (File.Exists(Path.Combine(target, MarkerFileName)))
            return target;

        // Serialise fetches per cache: parallel first runs (e.g. tests) would otherwise refresh the same
        // private lists at once and download the same package twice.
        using var cacheLock = CacheLock.Acquire(root, log);
        if (File.Exists(Path.Combine(target, MarkerFileName)))
            return target;

        var work = CacheStaging.CreateWorkDirectory(root, packageName);
        try
        {
            log?.Invoke($"Fetching Debian package '{packageName}' into {target} ...");
            var deb = Download(packageName, work, root, target, log);

            log?.Invoke($"Extracting {Path.GetFileName(deb)} ...");
            var stage = Path.Combine(work, "root");
            Directory.CreateDirectory(stage);
            var x = Run("dpkg", ["-x", deb, stage], work, log: null, ManualHint(packageName, target));
            if (x.ExitCode != 0)
                throw new InvalidOperationException(
                    $"'dpkg -x {deb} {stage}' failed (exit code {x.ExitCode}):{Indent(x.StdErr)}");

            File.WriteAllText(Path.Combine(stage, MarkerFileName),
                $"{Path.GetFileName(deb)}{Environment.NewLine}{DateTime.UtcNow:O}{Environment.NewLine}");
            CacheStaging.Publish(stage, target, MarkerFileName);
            log?.Invoke($"Package '{packageName}' ready in {target}");
            return target;
        }
        finally
        {
            CacheStaging.DeleteWorkDirectory(work);
        }
    }

    /// <summary>Downloads the .deb into <paramref name="work"/> and returns its path.</summary>
    private static string Download(string pkg, string work, string root, string target, Action<string>? log)
    {
        var hint = ManualHint(pkg, target);
        var failures = new StringBuilder();

        // 1) System lists: cheapest, and the normal case on a desktop that ran apt update recently.
        var r = Run("apt-get", [.. CommonOptions, "download", pkg], work, log, hint);
        if (r.ExitCode == 0)
            return FindDeb(work, pkg);
        failures.Append($"{Environment.NewLine}  apt-get download (system lists):{Indent(r.StdErr, 4)}");

        var apt = Path.Combine(root, ".apt");
        var lists = Path.Combine(apt, "lists");
        string[] privateOptions = [.. CommonOptions, .. PrivateListOptions(apt)];

        // 2) A private list copy from an earlier run may already know the package.
        if (HasPackageLists(lists))
        {
            log?.Invoke("Not found with the system package lists; trying the private lists ...");
            r = Run("apt-get", [.. privateOptions, "download", pkg], work, log, hint);
            if (r.ExitCode == 0)
                return FindDeb(work, pkg);
            failures.Append($"{Environment.NewLine}  apt-get download (private lists):{Indent(r.StdErr, 4)}");
        }

        // 3) Refresh the private lists; this needs no root since every writable path points into the cache.
        log?.Invoke($"Refreshing a private copy of the apt package lists in {lists} (no root needed) ...");
        var u = Run("apt-get", [.. privateOptions, "update"], work, log, hint);
        if (u.ExitCode != 0)
        {
            // Not fatal: one unreachable third-party source makes update exit non-zero even though
            // the Debian/Ubuntu lists were refreshed fine. The download below decides.
            failures.Append($"{Environment.NewLine}  apt-get update (private lists, exit code {u.ExitCode}):{Indent(u.StdErr, 4)}");
            log?.Invoke($"apt-get update reported problems (exit code {u.ExitCode}); trying the download anyway ...");
        }

        r = Run("apt-get", [.. privateOptions, "download", pkg], work, log, hint);
        if (r.ExitCode == 0)
            return FindDeb(work, pkg);
        failures.Append($"{Environment.NewLine}  apt-get download (refreshed private lists):{Indent(r.StdErr, 4)}");

        var notFound = r.StdErr.Contains("Unable to locate package", StringComparison.Ordinal)
                    || r.StdErr.Contains("has no installation candidate", StringComparison.Ordinal)
                    || r.StdErr.Contains("Can't select candidate", StringComparison.Ordinal);
        var headline = notFound
            ? $"Debian package '{pkg}' was not found in the apt sources configured on this machine, even after refreshing the package lists. " +
              "It may need a newer release or another archive area (e.g. Debian main / Ubuntu universe) in the apt sources."
            : $"Could not download Debian package '{pkg}'.";
        throw new InvalidOperationException($"{headline}{Environment.NewLine}{hint}{Environment.NewLine}Details:{failures}");
    }

    // As root, apt downloads as user "_apt", which cannot write into a cache under /root and warns;
    // downloading as root directly avoids that. Non-root users are never sandboxed, so it is a no-op there.
    private static readonly string[] CommonOptions = ["-o", "APT::Sandbox::User=root"];

    private static string[] PrivateListOptions(string aptDir)
    {
        var lists = Path.Combine(aptDir, "lists");
        var cache = Path.Combine(aptDir, "cache");
        // apt does not create these itself and fails with "List directory ... partial is missing".
        Directory.CreateDirectory(Path.Combine(lists, "partial"));
        Directory.CreateDirectory(Path.Combine(cache, "archives", "partial"));

        // System-wide update hooks (cache cleaners, PackageKit/appstream notifications) must not run for
        // a private list copy; "#clear" is only available in config files, hence the small file.
        var conf = Path.Combine(aptDir, "rnn-mlnet-apt.conf");
        File.WriteAllText(conf,
            "#clear APT::Update::Pre-Invoke;\n" +
            "#clear APT::Update::Post-Invoke;\n" +
            "#clear APT::Update::Post-Invoke-Success;\n");

        return
        [
            "-c", conf,
            "-o", $"Dir::State::Lists={lists}",
            "-o", $"Dir::Cache={cache}",
            // The lock files would live in our folders anyway; this just avoids a failure when
            // two processes race, and mirrors what a non-root user needs.
            "-o", "Debug::NoLocking=1",
            // Only the Packages indices are needed for "download"; skip translations/AppStream/Contents.
            "-o", "Acquire::Languages=none",
            "-o", "Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false",
            "-o", "Acquire::IndexTargets::deb::Contents-deb::DefaultEnabled=false",
        ];
    }

    private static bool HasPackageLists(string lists) =>
        Directory.Exists(lists) && Directory.EnumerateFiles(lists, "*_Packages*").Any();

    private static string FindDeb(string work, string pkg)
    {
        var debs = Directory.GetFiles(work, $"{pkg}_*.deb");
        if (debs.Length == 0)
            throw new InvalidOperationException(
                $"'apt-get download {pkg}' succeeded but no {pkg}_*.deb appeared in {work}.");
        return debs.OrderByDescending(File.GetLastWriteTimeUtc).First();
    }

    private static string ManualHint(string pkg, string target) =>
        $"To do it by hand: apt-get download {pkg} && mkdir -p '{target}' && dpkg -x {pkg}_*.deb '{target}' && touch '{Path.Combine(target, MarkerFileName)}'" +
        $" (if apt-get cannot find the package, run 'sudo apt-get update' first).";

    private static ExternalCommand.Result Run(string fileName, IReadOnlyList<string> args, string workingDirectory,
        Action<string>? log, string manualHint) =>
        ExternalCommand.Run(fileName, args, workingDirectory, log,
            $"Fetching data packages needs a Debian or Ubuntu system with apt-get and dpkg on PATH.{Environment.NewLine}{manualHint}");

    private static string Indent(string text, int spaces = 2) => ExternalCommand.Indent(text, spaces);

    // Debian policy 5.6.1: lower-case letters, digits, '+', '-', '.'; at least two chars; starts alphanumeric.
    [GeneratedRegex("^[a-z0-9][a-z0-9+.-]+$")]
    private static partial Regex PackageNameRegex();
}
