using Microsoft.ML;
using TorchSharp;

namespace Rnn.MLNet.Tests;

/// <summary>
/// Training follows ML.NET's device convention for TorchSharp trainers (MLContext.GpuDeviceId, FallbackToCpu), with
/// RnnTrainerOptions.Device as an explicit override. These check the CPU-only behaviour, so they skip on a CUDA machine.
/// </summary>
[TestClass]
public sealed class DeviceConventionTests
{
    [TestInitialize]
    public void RequireNoCuda()
    {
        TorchRuntime.EnsureLoaded();
        if (torch.cuda.is_available())
            Assert.Inconclusive("These tests check what happens without a usable CUDA device; this machine has one.");
    }

    [TestMethod]
    public void GpuRequestedWithFallbackTrainsOnTheCpuAndSaysSo()
    {
        var ml = new MLContext(seed: 1) { GpuDeviceId = 0, FallbackToCpu = true };
        var log = new List<string>();
        ml.Log += (_, e) => { lock (log) log.Add(e.Message); };

        using var model = Train(ml, device: null);

        Assert.IsTrue(log.Any(m => m.Contains("MLContext.GpuDeviceId is 0") && m.Contains("training on the CPU")), "a warning says training fell back");
        Assert.IsTrue(log.Any(m => m.Contains("Training") && m.Contains(" on CPU")), string.Join(Environment.NewLine, log.Where(m => m.Contains("Training"))));
    }

    [TestMethod]
    public void GpuRequestedWithoutFallbackFailsClearly()
    {
        var ml = new MLContext(seed: 1) { GpuDeviceId = 0, FallbackToCpu = false };
        var error = Assert.Throws<InvalidOperationException>(() => Train(ml, device: null));
        StringAssert.Contains(error.Message, "MLContext.GpuDeviceId is 0");
        StringAssert.Contains(error.Message, "FallbackToCpu is false");
    }

    [TestMethod]
    public void ExplicitDeviceOverridesTheContext()
    {
        var ml = new MLContext(seed: 1) { GpuDeviceId = 0, FallbackToCpu = false };
        using (Train(ml, device: "cpu"))
        {
        }

        var error = Assert.Throws<InvalidOperationException>(() => Train(new MLContext(seed: 1), device: "cuda:1"));
        StringAssert.Contains(error.Message, "RnnTrainerOptions.Device is \"cuda:1\"");
    }

    [TestMethod]
    [DataRow("gpu")]
    [DataRow("cuda:")]
    [DataRow("cuda:-1")]
    [DataRow("")]
    public void MisspeltDevicesAreRefusedBeforeTraining(string device)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RnnTrainer(new MLContext(), new RnnTrainerOptions { Device = device }));
        StringAssert.Contains(error.Message, "RnnTrainerOptions.Device is");
        StringAssert.Contains(error.Message, "\"cuda:N\"");
    }

    private static RnnTransformer Train(MLContext ml, string? device)
    {
        var (train, _) = TestPipelines.KeyedSplit(ml, trainRows: 32, testRows: 8);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        options.Device = device;
        return ml.MulticlassClassification.Trainers.Rnn(options).Fit(train);
    }
}
