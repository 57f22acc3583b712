using System.Diagnostics;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class CheckpointTests
{
    private const int Epochs = 10;

    public TestContext TestContext { get; set; } = null!;

    private static string ProbePath()
    {
#if CONFIGURATION_Release
        const string configuration = "Release";
#else
        const string configuration = "Debug";
#endif
        var testOutput = AppContext.BaseDirectory;
        var path = Path.GetFullPath(Path.Combine(testOutput, "..", "..", "..", "..", "Rnn.MLNet.CheckpointProbe", "bin", configuration, "net10.0", "Rnn.MLNet.CheckpointProbe.dll"));
        if (!File.Exists(path))
            Assert.Fail($"The checkpoint probe was not built at {path}.");
        return path;
    }

    private string NewFolder(string name)
    {
        var folder = Path.Combine(Scratch.Folder(TestContext), $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static Process Start(string folder)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ProbePath());
        info.ArgumentList.Add(folder);
        info.ArgumentList.Add(Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Process.Start(info)!;
    }

    private static (List<string> Lines, string Final) RunToEnd(string folder)
    {
        using var process = Start(folder);
        var lines = new List<string>();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) != null)
            lines.Add(line);
        var errors = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(120_000))
            process.Kill(entireProcessTree: true);
        Assert.AreEqual(0, process.ExitCode, $"probe failed: {errors}");
        return (lines, lines.Single(l => l.StartsWith("final", StringComparison.Ordinal)));
    }

    [TestMethod]
    [Timeout(300_000)]
    public void KilledRunResumesAndEndsLikeAnUninterruptedOne()
    {
        var uninterrupted = RunToEnd(NewFolder("uninterrupted"));

        string folder = NewFolder("killed");
        int killedAfter;
        using (var doomed = Start(folder))
        {
            string? line;
            while ((line = doomed.StandardOutput.ReadLine()) != null && !line.StartsWith("epoch 4 done", StringComparison.Ordinal))
            {
            }

            Assert.IsNotNull(line, "the probe ended before epoch 4");
            // SIGKILL: no chance to flush or clean up, as when a machine loses power.
            doomed.Kill(entireProcessTree: true);
            doomed.WaitForExit();
            killedAfter = 4;
        }

        var resumed = RunToEnd(folder);
        var resumedFrom = resumed.Lines.Single(l => l.StartsWith("Resumed", StringComparison.Ordinal));
        int checkpointEpoch = int.Parse(resumedFrom[(resumedFrom.LastIndexOf(' ') + 1)..].TrimEnd('.'), System.Globalization.CultureInfo.InvariantCulture);
        int redone = resumed.Lines.Count(l => l.StartsWith("epoch", StringComparison.Ordinal));

        Console.WriteLine($"killed after epoch {killedAfter}; {resumedFrom}; re-ran {redone} epochs");
        Console.WriteLine($"uninterrupted: {uninterrupted.Final}");
        Console.WriteLine($"resumed:       {resumed.Final}");
        Assert.IsTrue(checkpointEpoch >= killedAfter - 1, $"lost more than one epoch: resumed after epoch {checkpointEpoch}, killed after {killedAfter}");
        Assert.AreEqual(Epochs - checkpointEpoch, redone);
        // Same seed, per-epoch shuffles and restored random state: the resumed run repeats the uninterrupted one.
        Assert.AreEqual(uninterrupted.Final, resumed.Final);
    }

    [TestMethod]
    [Timeout(300_000)]
    public void DamagedNewestCheckpointFallsBackToTheOlderOne()
    {
        string folder = NewFolder("damaged");
        var first = RunToEnd(folder);
        var newest = Directory.GetFiles(folder, "*.ckpt").OrderDescending().First();
        var bytes = File.ReadAllBytes(newest);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(newest, bytes);

        var again = RunToEnd(folder);

        Assert.IsTrue(again.Lines.Any(l => l.StartsWith($"Resumed from", StringComparison.Ordinal) && l.Contains($"after epoch {Epochs - 1}")),
            string.Join("\n", again.Lines));
        Assert.AreEqual(first.Final, again.Final, "redoing the last epoch from the older checkpoint reproduces the result");
    }
}
