using TorchSharp;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class TorchRuntimeTests
{
    [TestMethod]
    public void TorchSharpLoadsInTheTestProcess()
    {
        TorchRuntime.EnsureLoaded();
        using var a = torch.ones(3, 3);
        using var sum = a.sum();
        Assert.AreEqual(9f, sum.item<float>());
    }

    [TestMethod]
    public void LoadFailureMessageSaysWhatWasTriedWhereTheCacheIsAndHowToOptOut()
    {
        var message = TorchRuntime.Explain(new DllNotFoundException("version `GLIBCXX_3.4.32' not found"));

        StringAssert.StartsWith(message, "TorchSharp's native library (libLibTorchSharp) could not be loaded.");
        foreach (var root in LibTorchSharpLoadHook.Loader.Cache.Roots)
            StringAssert.Contains(message, root.Path);
        StringAssert.Contains(message, $"Here: {LibTorchSharpLoadHook.Loader.Outcome ?? "that step was not reached"}");
        StringAssert.Contains(message, "RNN_MLNET_NATIVE_CACHE");
        StringAssert.Contains(message, "RNN_MLNET_PATCH_LIBTORCHSHARP=0");
        StringAssert.EndsWith(message, "Loader said: version `GLIBCXX_3.4.32' not found");
    }
}
