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

    [TestMethod]
    public void CudaWithoutGpuFailsClearly()
    {
        if (torch.cuda.is_available())
            Assert.Inconclusive("A CUDA device is present; the no-GPU message cannot be observed here.");
        var mlContext = new MLContext(seed: 1);
        var options = SyntheticSequences.FastOptions();
        options.Device = "cuda";
        var data = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Fit(SyntheticSequences.Load(mlContext, SyntheticSequences.Generate(20, 2, 4, 1)));
        var trainer = new RnnTrainer(mlContext, options);
        var error = Assert.Throws<InvalidOperationException>(() => trainer.Fit(data.Transform(SyntheticSequences.Load(mlContext, SyntheticSequences.Generate(20, 2, 4, 1)))));
        StringAssert.Contains(error.Message, "\"cuda\"");
        StringAssert.Contains(error.Message, "no usable CUDA device");
    }
}
