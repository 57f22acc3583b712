using Rnn.Onnx.Tests.Support;
using Rnn.Tests.Reference;

namespace Rnn.Onnx.Tests;

/// <summary>
/// ONNX Runtime on the exported graph against the managed reference forward pass, for every
/// cell × {1,2,3} layers × {uni, bi} × {equal lengths, mixed lengths with a length-1 sequence}.
/// </summary>
[TestClass]
public sealed class ParityTests
{
    private const double Tolerance = 1e-5;
    private static double s_worst;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(RnnCellType.Tanh)]
    [DataRow(RnnCellType.Relu)]
    [DataRow(RnnCellType.Lstm)]
    [DataRow(RnnCellType.Gru)]
    public void OrtMatchesReferenceForward(RnnCellType cell)
    {
        double worstForCell = 0;
        foreach (int layers in new[] { 1, 2, 3 })
            foreach (bool bidirectional in new[] { false, true })
                foreach (var (name, lengths) in new[] { ("equal", new[] { 6, 6, 6, 6 }), ("mixed", new[] { 1, 7, 3, 5, 2, 7 }) })
                {
                    // Fixed per configuration (HashCode.Combine would differ between runs).
                    int seed = 1000 * (int)cell + 100 * layers + 10 * (bidirectional ? 1 : 0) + (name == "mixed" ? 1 : 0);
                    var net = RandomNetworks.Create(cell, layers, bidirectional, seed);
                    var sequences = RandomNetworks.Sequences(seed + 1, net.InputSize, lengths);

                    using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));
                    var predictions = scorer.ScoreBatch(sequences);

                    double diff = 0;
                    for (int b = 0; b < sequences.Length; b++)
                    {
                        var expected = new ReferenceNetwork(net).Score(sequences[b]);
                        for (int c = 0; c < expected.Length; c++)
                            diff = Math.Max(diff, Math.Abs(predictions[b].Probabilities[c] - expected[c]));
                        int bestExpected = Array.IndexOf(expected, expected.Max());
                        Assert.AreEqual(bestExpected, predictions[b].PredictedIndex, $"{cell} L{layers} bi={bidirectional} {name}: sequence {b}");
                    }

                    TestContext.WriteLine($"{cell,-4} layers={layers} {(bidirectional ? "bi " : "uni")} {name,-5} max |diff| = {diff:E2}");
                    Assert.IsTrue(diff <= Tolerance, $"{cell} L{layers} bi={bidirectional} {name}: max abs diff {diff:E3} > {Tolerance:E0}");
                    worstForCell = Math.Max(worstForCell, diff);
                }

        lock (typeof(ParityTests))
            s_worst = Math.Max(s_worst, worstForCell);
        TestContext.WriteLine($"worst for {cell}: {worstForCell:E2}; worst so far over all cells: {s_worst:E2}");
    }

    [TestMethod]
    [DataRow(RnnCellType.Relu)]
    [DataRow(RnnCellType.Lstm)]
    [DataRow(RnnCellType.Gru)]
    public void LargerNetworkWithinTolerance(RnnCellType cell)
    {
        var net = RandomNetworks.Create(cell, 2, true, seed: 7 + (int)cell, inputSize: 16, hiddenSize: 32, classes: 10);
        var sequences = RandomNetworks.Sequences(8, net.InputSize, 20, 1, 13, 20, 7, 2, 19, 11);
        using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));
        var predictions = scorer.ScoreBatch(sequences);
        double diff = 0;
        for (int b = 0; b < sequences.Length; b++)
        {
            var expected = new ReferenceNetwork(net).Score(sequences[b]);
            for (int c = 0; c < expected.Length; c++)
                diff = Math.Max(diff, Math.Abs(predictions[b].Probabilities[c] - expected[c]));
        }
        TestContext.WriteLine($"{cell} 16->32x2 bi, 10 classes, lengths 1..20: max |diff| = {diff:E2}");
        Assert.IsTrue(diff <= Tolerance, $"max abs diff {diff:E3} > {Tolerance:E0}");
    }

    [TestMethod]
    public void ScoreEqualsScoreBatchRow()
    {
        var net = RandomNetworks.Create(RnnCellType.Lstm, 2, true, seed: 11);
        var sequences = RandomNetworks.Sequences(12, net.InputSize, 4, 1, 9);
        using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));
        var batch = scorer.ScoreBatch(sequences);
        for (int b = 0; b < sequences.Length; b++)
        {
            var single = scorer.Score(sequences[b]);
            for (int c = 0; c < scorer.ClassCount; c++)
                Assert.AreEqual(single.Probabilities[c], batch[b].Probabilities[c], 1e-6, $"sequence {b} class {c}");
            Assert.AreEqual(single.PredictedLabel, batch[b].PredictedLabel);
        }
    }

    [TestMethod]
    public void LowLevelBatchIgnoresPaddingContents()
    {
        var net = RandomNetworks.Create(RnnCellType.Gru, 2, true, seed: 21);
        int[] lengths = [2, 5, 1];
        var sequences = RandomNetworks.Sequences(22, net.InputSize, lengths);
        using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));

        int maxSteps = lengths.Max(), row = maxSteps * net.InputSize;
        var zeros = new float[lengths.Length * row];
        var junk = new float[lengths.Length * row];
        Array.Fill(junk, 1e6f);
        for (int b = 0; b < lengths.Length; b++)
        {
            sequences[b].CopyTo(zeros, b * row);
            sequences[b].CopyTo(junk, b * row);
        }

        var p1 = new float[lengths.Length * scorer.ClassCount];
        var p2 = new float[p1.Length];
        scorer.ScoreBatch(zeros, lengths.Length, maxSteps, lengths, p1);
        scorer.ScoreBatch(junk, lengths.Length, maxSteps, lengths, p2);
        CollectionAssert.AreEqual(p1, p2);

        var list = scorer.ScoreBatch(sequences);
        for (int b = 0; b < lengths.Length; b++)
            CollectionAssert.AreEqual(p1.AsSpan(b * scorer.ClassCount, scorer.ClassCount).ToArray(), list[b].Probabilities);
    }
}
