using Microsoft.ML.OnnxRuntime;
using Rnn.Onnx.Tests.Support;

namespace Rnn.Onnx.Tests.Gpu;

/// <summary>
/// Asking for CUDA where ONNX Runtime cannot use it: with the CPU-only runtime (the default build) and with the GPU
/// runtime on a machine without CUDA 13 / cuDNN 9 (the -p:RnnTestOnnxRuntime=gpu build that CI also runs), the scorer
/// falls back to the CPU with one log line naming the cause, or fails when FallbackToCpu is false. On a machine
/// where CUDA works the tests are inconclusive: there is nothing to fall back from.
/// </summary>
[TestClass]
[TestCategory(GpuScoring.Category)]
public sealed class CudaFallbackTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void RequireUnusableCuda()
    {
        if (OnnxRuntimeCuda.IsUsable(0, out _))
            Assert.Inconclusive("ONNX Runtime can use CUDA device 0 here; nothing to fall back from.");
    }

    [TestMethod]
    public void UseCudaFallsBackToCpuWithOneLogLineNamingTheCause()
    {
        var net = RandomNetworks.Create(RnnCellType.Gru, 1, true, seed: 71);
        var bytes = RnnOnnxExporter.ToBytes(net);
        var lines = new List<string>();
        using var cuda = RnnOnnxScorer.FromBytes(bytes, new RnnOnnxScorerOptions { UseCuda = true, GpuDeviceId = 0, Log = lines.Add });
        foreach (var line in lines)
            TestContext.WriteLine(line);

        Assert.IsFalse(cuda.UsesCuda);
        Assert.HasCount(1, lines);
        StringAssert.Contains(lines[0], "on the CPU");
        StringAssert.Contains(lines[0], GpuScoring.ExpectedCause);

        using var cpu = RnnOnnxScorer.FromBytes(bytes);
        Assert.IsFalse(cpu.UsesCuda);
        var sequence = RandomNetworks.Sequences(72, net.InputSize, 5)[0];
        CollectionAssert.AreEqual(cpu.Score(sequence).Probabilities, cuda.Score(sequence).Probabilities);
    }

    [TestMethod]
    public void StreamsOfAFallenBackScorerRunOnTheCpuWithoutAnotherLine()
    {
        var net = RandomNetworks.Create(RnnCellType.Lstm, 1, false, seed: 75);
        var lines = new List<string>();
        using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net), new RnnOnnxScorerOptions { UseCuda = true, Log = lines.Add });
        var sequence = RandomNetworks.Sequences(76, net.InputSize, 4)[0];
        var streamed = scorer.OpenStream().Push(sequence);
        Assert.HasCount(1, lines, "the scorer's own fallback line only");
        var whole = scorer.Score(sequence);
        for (int c = 0; c < whole.Probabilities.Length; c++)
            Assert.AreEqual(whole.Probabilities[c], streamed.Probabilities[c], 1e-6f);
    }

    [TestMethod]
    public void NoFallbackFailsNamingTheOptionsAndTheCause()
    {
        var bytes = RnnOnnxExporter.ToBytes(RandomNetworks.Create(RnnCellType.Lstm, 1, false, seed: 74));
        var lines = new List<string>();
        var error = Assert.Throws<InvalidOperationException>(() => RnnOnnxScorer.FromBytes(bytes,
            new RnnOnnxScorerOptions { UseCuda = true, GpuDeviceId = 0, FallbackToCpu = false, Log = lines.Add }));
        StringAssert.Contains(error.Message, "UseCuda is true (GpuDeviceId 0) and FallbackToCpu is false");
        StringAssert.Contains(error.Message, GpuScoring.ExpectedCause);
        Assert.IsEmpty(lines, "nothing is logged when nothing falls back");
    }

    [TestMethod]
    public void ProbeReportsTheSameCauseAndRefusesNegativeDevices()
    {
        Assert.IsFalse(OnnxRuntimeCuda.IsUsable(0, out var reason));
        StringAssert.Contains(reason, GpuScoring.ExpectedCause);
        Assert.IsFalse(OnnxRuntimeCuda.IsUsable(0, out var again));
        Assert.AreEqual(reason, again);
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxRuntimeCuda.IsUsable(-1, out _));
    }

    [TestMethod]
    public void TheRuntimeLoadedIsTheOneThisBuildAskedFor()
    {
        // The two runtimes differ in what a CUDA request meets: no entry point at all, or a provider library that fails to load.
        using var options = new SessionOptions();
        if (GpuScoring.GpuRuntime)
        {
            var error = Assert.Throws<OnnxRuntimeException>(() => options.AppendExecutionProvider_CUDA(0));
            StringAssert.Contains(error.Message, "Failed to load shared library");
        }
        else
        {
            Assert.Throws<EntryPointNotFoundException>(() => options.AppendExecutionProvider_CUDA(0));
        }
    }

    [TestMethod]
    public void CpuScorerLogsNothingAndHonoursThreadOption()
    {
        var lines = new List<string>();
        var net = RandomNetworks.Create(RnnCellType.Tanh, 1, false, seed: 73);
        using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net), new RnnOnnxScorerOptions { IntraOpNumThreads = 1, Log = lines.Add });
        Assert.IsFalse(scorer.UsesCuda);
        Assert.IsEmpty(lines);
        Assert.AreEqual(1f, scorer.Score(new float[net.InputSize]).Probabilities.Sum(), 1e-5f);
    }
}
