using Rnn.Onnx.Tests.Support;

namespace Rnn.Onnx.Tests;

/// <summary>
/// Asking for CUDA with the CPU-only runtime (the default build) falls back to the CPU with one log line.
/// On a machine built with -p:RnnMLNetGpu=true and a working GPU the test is inconclusive.
/// </summary>
[TestClass]
public sealed class CudaFallbackTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void UseCudaFallsBackToCpuWithOneLogLine()
    {
        var net = RandomNetworks.Create(RnnCellType.Gru, 1, true, seed: 71);
        var bytes = RnnOnnxExporter.ToBytes(net);
        var lines = new List<string>();
        using var cuda = RnnOnnxScorer.FromBytes(bytes, new RnnOnnxScorerOptions { UseCuda = true, GpuDeviceId = 0, Log = lines.Add });
        if (cuda.UsesCuda)
            Assert.Inconclusive("A CUDA execution provider is present; nothing to fall back from.");

        foreach (var line in lines)
            TestContext.WriteLine(line);
        Assert.HasCount(1, lines);
        StringAssert.Contains(lines[0], "CPU");

        using var cpu = RnnOnnxScorer.FromBytes(bytes);
        Assert.IsFalse(cpu.UsesCuda);
        var sequence = RandomNetworks.Sequences(72, net.InputSize, 5)[0];
        CollectionAssert.AreEqual(cpu.Score(sequence).Probabilities, cuda.Score(sequence).Probabilities);
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
