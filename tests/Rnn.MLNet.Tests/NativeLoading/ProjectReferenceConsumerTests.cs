using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace Rnn.MLNet.Tests;

/// <summary>
/// A console app outside this repository that references Rnn.MLNet.csproj by ProjectReference (so no MSBuild file
/// of ours reaches it) builds, loads TorchSharp and trains. Costs one `dotnet build` of a small project.
/// </summary>
[TestClass]
public sealed class ProjectReferenceConsumerTests
{
#if CONFIGURATION_Release
    private const string Configuration = "Release";
#else
    private const string Configuration = "Debug";
#endif

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(600_000)]
    public void ConsumerOutsideTheRepositoryBuildsAndTrainsWithNoBuildStepOfOurs()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"rnn-mlnet-consumer-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            AssertNoBuildFilesAbove(folder);
            File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), ConsumerApp.Project(Path.Combine(RepositoryRoot(), "src", "Rnn.MLNet", "Rnn.MLNet.csproj")));
            File.WriteAllText(Path.Combine(folder, "Program.cs"), ConsumerApp.Program);

            // Rnn.MLNet itself was built with this test project: --no-dependencies reuses it instead of building it again.
            var build = Run(folder, [], "build", "Consumer.csproj", "-c", Configuration, "--no-dependencies", "--disable-build-servers", "-nodeReuse:false");
            Assert.AreEqual(0, build.ExitCode, build.Output);
            var output = Path.Combine(folder, "bin", Configuration, "net10.0");
            var shipped = Path.Combine(output, "runtimes", "linux-x64", "native", LibTorchSharpLoader.FileName);
            CollectionAssert.AreEqual(SHA256.HashData(File.ReadAllBytes(RealLibTorchSharpTests.PackagedLibrary())), SHA256.HashData(File.ReadAllBytes(shipped)),
                "the build must copy the package's file unchanged");

            var cache = Path.Combine(folder, "native-cache");
            var run = Run(folder, new() { [NativeLoadSettings.CacheVariable] = cache }, Path.Combine(output, "Consumer.dll"));
            Assert.AreEqual(0, run.ExitCode, run.Output);
            StringAssert.Contains(run.Output, "torch sum 4");
            var accuracy = double.Parse(Line(run.Output, "accuracy ")["accuracy ".Length..], CultureInfo.InvariantCulture);
            Assert.IsTrue(accuracy is >= 0 and <= 1, run.Output);
            StringAssert.StartsWith(Line(run.Output, "mapped libtorch_cpu.so "), "mapped libtorch_cpu.so 1 ");
            var libTorchSharp = Line(run.Output, "mapped libLibTorchSharp.so ");
            StringAssert.StartsWith(libTorchSharp, "mapped libLibTorchSharp.so 1 ");
            StringAssert.Contains(run.Output, "fallback folder False");
            TestContext.WriteLine($"build {build.Seconds:F1} s, run {run.Seconds:F1} s; {libTorchSharp}");

            if (!RealLibTorchSharpTests.HostLacks3432())
                return;
            StringAssert.Contains(libTorchSharp, cache + Path.DirectorySeparatorChar, "the patched copy comes from the chosen cache folder");
            StringAssert.Contains(run.Output, $"Rnn.MLNet: loaded {cache}", "one trace line says what was loaded");

            var optedOut = Run(folder, new() { [NativeLoadSettings.CacheVariable] = cache, [NativeLoadSettings.PatchVariable] = "0" },
                Path.Combine(output, "Consumer.dll"), ConsumerApp.TrainOnly);
            Assert.AreNotEqual(0, optedOut.ExitCode, optedOut.Output);
            StringAssert.Contains(optedOut.Output, "TorchSharp's native library (libLibTorchSharp) could not be loaded");
            StringAssert.Contains(optedOut.Output, "patching is turned off (RNN_MLNET_PATCH_LIBTORCHSHARP=0)");
            StringAssert.Contains(optedOut.Output, "GLIBCXX_3.4.32' not found");
            Assert.IsFalse(Directory.Exists(Path.Combine(output, "cpu")), "Rnn.MLNet must fail before TorchSharp's fallback copies natives");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Line(string output, string prefix) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
        ?? throw new AssertFailedException($"no line starting with \"{prefix}\" in:\n{output}");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Rnn.MLNet.sln")))
                return dir.FullName;
        }

        throw new AssertFailedException($"Rnn.MLNet.sln is not above {AppContext.BaseDirectory}");
    }

    private static void AssertNoBuildFilesAbove(string folder)
    {
        string[] names = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "Directory.Build.rsp"];
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            foreach (var name in names)
            {
                if (File.Exists(Path.Combine(dir.FullName, name)))
                    Assert.Inconclusive($"{Path.Combine(dir.FullName, name)} would reach the consumer; the test needs a temp folder outside any build tree.");
            }
        }
    }

    private static (int ExitCode, string Output, double Seconds) Run(string folder, Dictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        // The test host runs under `dotnet test`, whose MSBuild settings must not leak into a fresh build.
        foreach (var inherited in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(inherited);
        foreach (var (name, value) in environment)
            info.Environment[name] = value;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(300_000))
            process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result, clock.Elapsed.TotalSeconds);
    }
}
