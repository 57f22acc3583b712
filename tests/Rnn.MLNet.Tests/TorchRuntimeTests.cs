using Microsoft.ML;

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
}
