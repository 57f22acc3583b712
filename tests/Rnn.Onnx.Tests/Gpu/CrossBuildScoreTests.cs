using System.Globalization;
using System.Text;
using Rnn.Onnx.Tests.Support;
using Rnn.Tests.Reference;

namespace Rnn.Onnx.Tests.Gpu;

/// <summary>
/// The GPU-scoring build, falling back to the CPU, must score exactly as the default CPU build. CI runs this test in both
/// builds with <see cref="SnapshotVariable"/> set to one folder: the default run writes its scores there, the
/// GPU-scoring run writes its own and compares them bit for bit. Without the variable each build checks its scores
/// against the plain-loop reference only.
/// </summary>
[TestClass]
[TestCategory(GpuScoring.Category)]
public sealed class CrossBuildScoreTests
{
    /// <summary>Folder both CI runs share (set by .ci/run).</summary>
    public const string SnapshotVariable = "RNN_SCORE_SNAPSHOTS";

    [TestMethod]
    public void CudaRequestedScoresOnTheCpuExactlyAsTheCpuBuild()
    {
        var snapshot = new StringBuilder();
        foreach (var cell in Enum.GetValues<RnnCellType>())
        {
            foreach (var (layers, bidirectional) in new[] { (1, false), (2, true) })
            {
                var net = RandomNetworks.Create(cell, layers, bidirectional, seed: 300 + (int)cell * 10 + layers);
                var sequences = RandomNetworks.Sequences(400 + (int)cell, net.InputSize, 1, 4, 7);
                using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net), new RnnOnnxScorerOptions { UseCuda = true, Log = _ => { } });
                var predictions = scorer.ScoreBatch(sequences);
                for (int i = 0; i < sequences.Length; i++)
                {
                    var expected = new ReferenceNetwork(net).Score(sequences[i]);
                    for (int c = 0; c < expected.Length; c++)
                        Assert.AreEqual(expected[c], predictions[i].Probabilities[c], 1e-5, $"{cell} {layers}L bi={bidirectional} sequence {i} class {c}");
                    snapshot.AppendLine($"{cell} {layers} {bidirectional} {i}: " +
                        string.Join(' ', predictions[i].Probabilities.Select(p => BitConverter.SingleToInt32Bits(p).ToString("x8", CultureInfo.InvariantCulture))));
                }
            }
        }

        var folder = Environment.GetEnvironmentVariable(SnapshotVariable);
        if (string.IsNullOrEmpty(folder))
            return;
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{GpuScoring.Flavour}.txt"), snapshot.ToString());
        if (GpuScoring.Flavour == "cpu")
            return;
        var cpu = Path.Combine(folder, "cpu.txt");
        Assert.IsTrue(File.Exists(cpu), $"{cpu} is missing: the default build's run must come first with the same {SnapshotVariable}.");
        Assert.AreEqual(File.ReadAllText(cpu), snapshot.ToString(), "scores differ from the CPU build's");
    }
}
