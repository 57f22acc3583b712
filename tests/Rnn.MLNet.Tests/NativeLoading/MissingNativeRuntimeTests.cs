namespace Rnn.MLNet.Tests;

/// <summary>
/// Rnn.MLNet references TorchSharp's managed package only: an app without libtorch must be told which package to add.
/// (CI's consumer step also runs a packaged app with its libtorch removed.)
/// </summary>
[TestClass]
public sealed class MissingNativeRuntimeTests
{
    [TestMethod]
    public void NoLibTorchInTheAppNamesThePackageToAdd()
    {
        var empty = Directory.CreateTempSubdirectory("rnn-no-libtorch-");
        try
        {
            var message = TorchRuntime.MissingLibTorch([empty.FullName]);
            Assert.IsNotNull(message);
            StringAssert.Contains(message, "libtorch_cpu.so");
            StringAssert.Contains(message, empty.FullName);
            StringAssert.Contains(message, "dotnet add package libtorch-cpu-linux-x64 --version 2.10.0");
            StringAssert.Contains(message, "TorchSharp-cuda-linux");
        }
        finally
        {
            empty.Delete();
        }
    }

    [TestMethod]
    public void TheTestAppsOwnLibTorchIsFound()
    {
        // The test project references libtorch-cpu-linux-x64, as an app does.
        Assert.IsNull(TorchRuntime.MissingLibTorch(LibTorchSharpLoader.SearchDirectories(typeof(TorchRuntime).Assembly)));
    }
}
