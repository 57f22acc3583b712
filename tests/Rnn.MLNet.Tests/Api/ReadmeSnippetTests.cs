namespace Rnn.MLNet.Tests;

/// <summary>
/// The README's C# blocks are code that compiles and runs: each one must stand, paragraph by paragraph and in order,
/// in examples/ReadmeSnippets (built with the solution; <c>dotnet run --project examples/ReadmeSnippets</c> runs it).
/// </summary>
[TestClass]
public sealed class ReadmeSnippetTests
{
    [TestMethod]
    public void EveryCSharpBlockOfTheReadmeIsInTheSnippetProject()
    {
        var root = RepositoryRoot();
        var blocks = CSharpBlocks(File.ReadAllLines(Path.Combine(root, "README.md")));
        Assert.IsTrue(blocks.Count >= 2, $"the README has {blocks.Count} C# blocks");
        var code = Directory.GetFiles(Path.Combine(root, "examples", "ReadmeSnippets"), "*.cs")
            .Select(f => File.ReadAllLines(f).Select(l => l.Trim()).ToArray())
            .ToArray();

        foreach (var block in blocks)
        {
            bool found = code.Any(file => ParagraphsInOrder(block, file));
            Assert.IsTrue(found, $"This README block is not in examples/ReadmeSnippets (so it may not compile):{Environment.NewLine}{string.Join(Environment.NewLine, block)}");
        }
    }

    /// <summary>True when every paragraph (lines between blank lines) of the block stands contiguously in the file, in order.</summary>
    private static bool ParagraphsInOrder(IReadOnlyList<string> block, string[] file)
    {
        int position = 0;
        foreach (var paragraph in Paragraphs(block))
        {
            int at = IndexOf(file, paragraph, position);
            if (at < 0)
                return false;
            position = at + paragraph.Length;
        }

        return true;
    }

    private static int IndexOf(string[] file, string[] paragraph, int from)
    {
        for (int start = from; start + paragraph.Length <= file.Length; start++)
        {
            if (paragraph.Select((line, i) => file[start + i] == line).All(same => same))
                return start;
        }

        return -1;
    }

    private static IEnumerable<string[]> Paragraphs(IReadOnlyList<string> block)
    {
        var current = new List<string>();
        foreach (var line in block.Select(l => l.Trim()).Append(""))
        {
            if (line.Length > 0)
            {
                current.Add(line);
                continue;
            }

            if (current.Count > 0)
                yield return [.. current];
            current.Clear();
        }
    }

    private static List<List<string>> CSharpBlocks(string[] readme)
    {
        var blocks = new List<List<string>>();
        List<string>? open = null;
        foreach (var line in readme)
        {
            if (open is null && line.TrimStart().StartsWith("```csharp", StringComparison.Ordinal))
                open = [];
            else if (open is not null && line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                blocks.Add(open);
                open = null;
            }
            else
                open?.Add(line);
        }

        return blocks;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Rnn.MLNet.sln")))
                return folder.FullName;
        }

        throw new InvalidOperationException($"No Rnn.MLNet.sln above {AppContext.BaseDirectory}.");
    }
}
