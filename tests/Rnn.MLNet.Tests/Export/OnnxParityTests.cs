using Rnn.Onnx;
using TorchSharp;
using Rnn.Tests.Reference;

namespace Rnn.MLNet.Tests;

/// <summary>
/// TorchSharp (the trainer's network) and ONNX Runtime (the exported graph) must agree on probabilities, and on a
/// regressor's values in target units (relative to each target's spread). Each side, TorchSharp with and without
/// gradients included, is also compared with the double-precision reference (<see cref="ReferenceNetwork"/>), so a
/// disagreement says which side is wrong.
/// </summary>
[TestClass]
public sealed class OnnxParityTests
{
    public enum Input
    {
        FloatSteps,
        Embedding,
        OneHot,
    }

    private const int InputSize = 5;
    private const int HiddenSize = 7;
    private const int Classes = 4;
    private const int Vocabulary = 6;
    private static readonly object Gate = new();
    private static double _worst;

    public static IEnumerable<object[]> Matrix() =>
        from input in Enum.GetValues<Input>()
        from perStep in new[] { false, true }
        from cell in Enum.GetValues<RnnCellType>()
        from layers in new[] { 1, 2, 3 }
        from bidirectional in new[] { false, true }
        from mixed in new[] { false, true }
        select new object[] { input, perStep, cell, layers, bidirectional, mixed };

    /// <summary>Max and mean pooling: per-sequence heads only, over float steps and embedded tokens.</summary>
    public static IEnumerable<object[]> PoolingMatrix() =>
        from pooling in new[] { RnnPooling.Max, RnnPooling.Mean }
        from input in new[] { Input.FloatSteps, Input.Embedding }
        from cell in Enum.GetValues<RnnCellType>()
        from layers in new[] { 1, 2 }
        from bidirectional in new[] { false, true }
        from mixed in new[] { false, true }
        select new object[] { pooling, input, cell, layers, bidirectional, mixed };

    /// <summary>Regressors over the classifier matrix's inputs, cells, layers, directions and lengths, with one target or three.</summary>
    public static IEnumerable<object[]> RegressionMatrix() =>
        from input in Enum.GetValues<Input>()
        from targets in new[] { 1, 3 }
        from cell in Enum.GetValues<RnnCellType>()
        from layers in new[] { 1, 2, 3 }
        from bidirectional in new[] { false, true }
        from mixed in new[] { false, true }
        select new object[] { input, targets, cell, layers, bidirectional, mixed };

    [TestMethod]
    [DynamicData(nameof(RegressionMatrix))]
    public void RegressorsAgreeInTargetUnits(Input input, int targets, RnnCellType cell, int layers, bool bidirectional, bool mixedLengths)
    {
        // Targets far from 0 and of very different spreads, as real labels are (births per day, rates).
        float[] means = new[] { 9500f, -3f, 0.2f }[..targets];
        float[] scales = new[] { 800f, 0.05f, 12f }[..targets];
        var description = RandomNetwork(input, perStep: false, cell, layers, bidirectional, RnnPooling.Last, new RegressionTargets(
            [.. Enumerable.Range(0, targets).Select(t => $"y{t}")], means, scales));
        AssertAgree(description, input, perStep: false, mixedLengths,
            $"regressor ×{targets}, {input} {cell} x{layers} {(bidirectional ? "bi" : "uni")} {(mixedLengths ? "mixed" : "equal")}", scales);
    }

    /// <summary>Regressors with a linear input skip (fixed-length float rows): cells × layers × directions.</summary>
    public static IEnumerable<object[]> SkipMatrix() =>
        from cell in Enum.GetValues<RnnCellType>()
        from layers in new[] { 1, 2 }
        from bidirectional in new[] { false, true }
        select new object[] { cell, layers, bidirectional };

    [TestMethod]
    [DynamicData(nameof(SkipMatrix))]
    public void RegressorsWithAnInputSkipAgree(RnnCellType cell, int layers, bool bidirectional)
    {
        float[] scales = [800f, 12f];
        var description = RandomNetwork(Input.FloatSteps, perStep: false, cell, layers, bidirectional, RnnPooling.Last,
            new RegressionTargets(["y0", "y1"], [9500f, 0.2f], scales), skipInputs: [0, 4, 7, 11, 29]);
        Assert.IsNotNull(description.InputSkip);
        AssertAgree(description, Input.FloatSteps, perStep: false, mixedLengths: false, $"regressor with skip, {cell} x{layers} {(bidirectional ? "bi" : "uni")}", scales);
    }

    [TestMethod]
    [DynamicData(nameof(Matrix))]
    public void TorchSharpAndOnnxRuntimeAgree(Input input, bool perStep, RnnCellType cell, int layers, bool bidirectional, bool mixedLengths) =>
        AssertAgree(RandomNetwork(input, perStep, cell, layers, bidirectional, RnnPooling.Last), input, perStep, mixedLengths,
            $"{input} {(perStep ? "per-step" : "per-sequence")} {cell} x{layers} {(bidirectional ? "bi" : "uni")} {(mixedLengths ? "mixed" : "equal")}");

    [TestMethod]
    [DynamicData(nameof(PoolingMatrix))]
    public void PooledHeadsAgree(RnnPooling pooling, Input input, RnnCellType cell, int layers, bool bidirectional, bool mixedLengths)
    {
        var description = RandomNetwork(input, perStep: false, cell, layers, bidirectional, pooling);
        Assert.AreEqual(pooling.ToString(), description.Pooling.ToString());
        AssertAgree(description, input, perStep: false, mixedLengths,
            $"{pooling} pooling, {input} {cell} x{layers} {(bidirectional ? "bi" : "uni")} {(mixedLengths ? "mixed" : "equal")}");
    }

    /// <param name="description">The network both sides score.</param>
    /// <param name="input">What the network reads.</param>
    /// <param name="perStep">Whether it scores every step.</param>
    /// <param name="mixedLengths">Rows of different lengths, a length-1 row among them.</param>
    /// <param name="what">Names the case in the log.</param>
    /// <param name="scales">A regressor's target spreads: differences are compared relative to them. Null for probabilities.</param>
    private static void AssertAgree(RecurrentNetworkDescription description, Input input, bool perStep, bool mixedLengths, string what, float[]? scales = null)
    {
        int outputs = description.Head.Outputs;
        using var torchScorer = new TorchSequenceScorer(description);
        using var torchWithGradients = new TorchSequenceScorer(description, TorchGradients.Enabled);
        using var onnxScorer = new OnnxRuntimeSequenceScorer(RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(description)));

        var random = new Random(7);
        int valuesPerStep = input == Input.FloatSteps ? InputSize : 1;
        int[] lengths = mixedLengths ? [1, 9, 3, 1, 6, 12, 2, 5] : [6, 6, 6, 6, 6, 6, 6, 6];
        var chunk = new SequenceChunk();
        foreach (var steps in lengths)
        {
            if (input == Input.FloatSteps)
            {
                var values = chunk.Append(steps * valuesPerStep, steps, label: 0);
                for (int i = 0; i < values.Length; i++)
                    values[i] = (float)(random.NextDouble() * 4 - 2);
            }
            else
            {
                var tokens = chunk.AppendTokens(steps, label: 0);
                for (int i = 0; i < tokens.Length; i++)
                    tokens[i] = random.Next(Vocabulary + 1);
            }
        }

        var batch = new PaddedBatch(valuesPerStep, tokens: input != Input.FloatSteps);
        batch.Fill(chunk, Enumerable.Range(0, lengths.Length).ToArray());
        var expected = new float[batch.Count * outputs * (perStep ? batch.MaxSteps : 1)];
        var actual = new float[expected.Length];
        var withGradients = new float[expected.Length];
        torchScorer.Score(batch, expected);
        torchWithGradients.Score(batch, withGradients);
        onnxScorer.Score(batch, actual);

        var scores = ReferenceNetwork.Score(description, batch);
        var reference = new ReferenceComparison(scores, scales is null ? null : i => scales[scores.OutputOf(i)]);
        reference.Add(torchScorer.Side, expected);
        reference.Add(torchWithGradients.Side, withGradients);
        reference.Add(ReferenceComparison.OnnxRuntime, actual);

        double worst = 0;
        for (int row = 0; row < batch.Count; row++)
        {
            // Per-step outputs past a row's length are padding: neither side's values there mean anything.
            int valid = (perStep ? batch.Lengths[row] : 1) * outputs;
            int offset = row * outputs * (perStep ? batch.MaxSteps : 1);
            for (int i = offset; i < offset + valid; i++)
                worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]) / (scales?[(i - offset) % outputs] ?? 1f));
        }

        lock (Gate)
            _worst = Math.Max(_worst, worst);
        Console.WriteLine($"{what}: max |diff| {worst:E2} (worst so far {_worst:E2})");
        Console.WriteLine(reference.LogLine(nameof(OnnxParityTests), what));
        // The reference first: when TorchSharp and ONNX Runtime disagree, its message says which of them is wrong.
        reference.AssertWithin(1e-5, what);
        Assert.IsTrue(worst <= 1e-5, $"max abs diff {worst:E3} > 1e-5; {reference.Describe(1e-5)}");
    }

    /// <summary>A network with TorchSharp's own random initialisation, scaled up so probabilities are far from uniform.</summary>
    private static RecurrentNetworkDescription RandomNetwork(
        Input input, bool perStep, RnnCellType cell, int layers, bool bidirectional, RnnPooling pooling, RegressionTargets? regression = null, int[]? skipInputs = null)
    {
        torch.random.manual_seed(10_000 * (int)pooling + 1000 * (int)cell + 100 * (int)input + 10 * layers + (bidirectional ? 1 : 0) + (perStep ? 5 : 0));
        bool tokens = input != Input.FloatSteps;
        var shape = new NetworkShape(cell, input == Input.OneHot ? Vocabulary + 1 : InputSize, HiddenSize, layers, bidirectional, Dropout: 0, regression?.Count ?? Classes,
            TokenRows: tokens ? Vocabulary + 1 : 0, LearnedEmbedding: input == Input.Embedding, perStep, pooling, skipInputs);
        using var network = new RnnSequenceNetwork(shape);
        using (torch.no_grad())
        {
            foreach (var parameter in network.parameters())
                parameter.mul_(cell == RnnCellType.Relu ? 1.5 : 3.0);
        }

        string[] vocabulary = tokens ? [.. Enumerable.Range(0, Vocabulary).Select(i => $"w{i}")] : [];
        return NetworkWeights.Describe(network, regression is null ? ["a", "b", "c", "d"] : [], tokens ? vocabulary : null, regression);
    }
}
