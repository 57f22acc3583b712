namespace Rnn.MLNet.Tests;

/// <summary>Files kept in the repository for tests (a <c>testdata</c> folder beside the test that reads them), found from the test's output folder.</summary>
internal static class TestData
{
    /// <summary>The file <paramref name="parts"/> below tests/Rnn.MLNet.Tests of the repository this test was built from.</summary>
    public static string Path(params string[] parts)
    {
        string relative = System.IO.Path.Combine(["tests", "Rnn.MLNet.Tests", .. parts]);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = System.IO.Path.Combine(dir.FullName, relative);
            if (File.Exists(path))
                return path;
        }

        throw new AssertFailedException($"No {relative} above {AppContext.BaseDirectory}.");
    }
}
