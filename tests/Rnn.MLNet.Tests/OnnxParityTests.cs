using Rnn.Onnx;
using TorchSharp;

namespace Rnn.MLNet.Tests;

/// <summary>TorchSharp (the trainer's network) and ONNX Runtime (the exported graph) must agree on probabilities.</summary>
[TestClass]
public sealed class OnnxParityTests
{
    private const int InputSize = 5;
    private const int HiddenSize = 7;
    private const int Classes = 4;
    private static double _worst;

    public static IEnumerable<object[]> Matrix() =>
        from cell in Enum.GetValues<RnnCellType>()
        from layers in new[] { 1, 2, 3 }
        from bidirectional in new[] { false, true }
        from mixed in new[] { false, true }
        select new object[] { cell, layers, bidirectional, mixed };

    [TestMethod]
    [DynamicData(nameof(Matrix))]
    public void TorchSharpAndOnnxRuntimeAgree(RnnCellType cell, int layers, bool bidirectional, bool mixedLengths)
    {
        var description = RandomNetwork(cell, layers, bidirectional, seed: 1000 * (int)cell + 10 * layers + (bidirectional ? 1 : 0));
        using var torchScorer = new TorchSequenceScorer(description);
        using var onnxScorer = new OnnxRuntimeSequenceScorer(RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(description)));

        var random = new Random(7);
        int[] lengths = mixedLengths ? [1, 9, 3, 1, 6, 12, 2, 5] : [6, 6, 6, 6, 6, 6, 6, 6];
        var chunk = new SequenceChunk();
        foreach (var steps in lengths)
        {
            var values = chunk.Append(steps * InputSize, steps, label: 0);
            for (int i = 0; i < values.Length; i++)
                values[i] = (float)(random.NextDouble() * 4 - 2);
        }

        var batch = new PaddedBatch(InputSize);
        batch.Fill(chunk, Enumerable.Range(0, lengths.Length).ToArray());
        var expected = new float[lengths.Length * Classes];
        var actual = new float[lengths.Length * Classes];
        torchScorer.Score(batch, expected);
        onnxScorer.Score(batch, actual);

        double worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        _worst = Math.Max(_worst, worst);
        Console.WriteLine($"{cell} x{layers} {(bidirectional ? "bi" : "uni")} {(mixedLengths ? "mixed" : "equal")}: max |diff| {worst:E2} (worst so far {_worst:E2})");
        Assert.IsTrue(worst <= 1e-5, $"max abs diff {worst:E3} > 1e-5");
    }

    /// <summary>A network with TorchSharp's own random initialisation, scaled up so probabilities are far from uniform.</summary>
    private static RecurrentNetworkDescription RandomNetwork(RnnCellType cell, int layers, bool bidirectional, int seed)
    {
        torch.random.manual_seed(seed);
        using var network = new RnnClassifierNetwork(cell, InputSize, HiddenSize, layers, bidirectional, dropout: 0, Classes);
        using (torch.no_grad())
        {
            foreach (var parameter in network.parameters())
                parameter.mul_(cell == RnnCellType.Relu ? 1.5 : 3.0);
        }

        return NetworkWeights.Describe(network, cell, InputSize, HiddenSize, layers, bidirectional, ["a", "b", "c", "d"]);
    }
}
