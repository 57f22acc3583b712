namespace Rnn.MLNet.Tests;

/// <summary>
/// A fresh folder per test for the files it writes, under a per-process root in the system temp folder, so runs
/// never collide; the root is deleted when the test assembly finishes.
/// </summary>
[TestClass]
public static class Scratch
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "rnn-mlnet-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string Folder(TestContext context)
    {
        var folder = Path.Combine(Root, $"{context.TestName}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    [AssemblyCleanup]
    public static void DeleteRoot()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
