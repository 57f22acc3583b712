using Rnn.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Rnn.Tests.Reference;

namespace Rnn.MLNet.Tests;

/// <summary>
/// The recurrent layers run padded batches through libtorch's padded kernels (packed sequences only for batches that
/// are mostly padding); padding must never reach a valid step's output, a final state, a pooled feature or a gradient.
/// Every check compares a row in a batch with a much longer neighbour against the same row alone (no padding at all); the
/// batch's probabilities, from libtorch's inference and training kernels alike, are also compared with the double-precision
/// reference (<see cref="ReferenceNetwork"/>), which tells a padding leak from a kernel that is wrong on its own.
/// </summary>
[TestClass]
public sealed class PaddedRecurrenceTests
{
    public enum Head
    {
        Last,
        Max,
        Mean,
        PerStep,
    }

    private const int InputSize = 3;
    private const int HiddenSize = 5;
    private const int Classes = 4;

    // Fifteen short rows and one long one: a long neighbour of 12 steps keeps the padded kernel (fill 0.30), one of 200
    // steps makes the batch mostly padding (fill 0.08), where the layers fall back to packed sequences.
    private static readonly int[] ShortLengths = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5];

    public static IEnumerable<object[]> Matrix() =>
        from cell in Enum.GetValues<RnnCellType>()
        from bidirectional in new[] { false, true }
        from layers in new[] { 1, 2 }
        from head in Enum.GetValues<Head>()
        from packed in new[] { false, true }
        select new object[] { cell, bidirectional, layers, head, packed };

    [TestMethod]
    [DynamicData(nameof(Matrix))]
    public void ARowScoresTheSameAloneAndBesideAMuchLongerRow(RnnCellType cell, bool bidirectional, int layers, Head head, bool packed)
    {
        using var network = Network(cell, bidirectional, layers, head, scale: 3.0);
        network.eval();
        var (inputs, lengths) = Batch(packed, seed: 1);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        AssertTakesPath(inputs, lengths, packed);

        var together = network.call(inputs, lengths).softmax(-1);
        double worst = 0;
        for (int row = 0; row < ShortLengths.Length; row++)
        {
            int length = ShortLengths[row];
            var alone = network.call(Alone(inputs, row, length), tensor(new long[] { length })).softmax(-1);
            var mine = head == Head.PerStep ? together[row].narrow(0, 0, length) : together[row];
            worst = Math.Max(worst, (alone[0] - mine).abs().max().item<float>());
        }

        var reference = CompareWithReference(network, inputs, lengths, together);
        string what = $"{cell} x{layers} {(bidirectional ? "bi" : "uni")} {head} {(packed ? "packed" : "padded")}";
        Console.WriteLine($"{what}: max |diff| alone vs beside a longer row {worst:E2}");
        Console.WriteLine(reference.LogLine(nameof(PaddedRecurrenceTests), what));
        reference.AssertWithin(1e-5, what);
        Assert.IsTrue(worst <= 1e-6, $"max |diff| {worst:E2} between rows alone and beside a longer row; {reference.Describe(1e-5)}");
    }

    [TestMethod]
    [DynamicData(nameof(Matrix))]
    public void GradientsOfAPaddedBatchEqualTheSumOverItsRowsAlone(RnnCellType cell, bool bidirectional, int layers, Head head, bool packed)
    {
        using var network = Network(cell, bidirectional, layers, head, scale: 1.0);
        network.train();
        var (inputs, lengths) = Batch(packed, seed: 2);
        var targets = Targets(lengths, head == Head.PerStep, seed: 3);
        var parameters = network.parameters().ToArray();
        AssertTakesPath(inputs, lengths, packed);

        var batched = Gradients(network, parameters, () => Loss(network.call(inputs, lengths), targets));
        var summed = parameters.Select(p => new float[p.numel()]).ToArray();
        for (int row = 0; row < ShortLengths.Length + 1; row++)
        {
            int length = (int)lengths[row].item<long>();
            var rowTargets = head == Head.PerStep ? targets[row].narrow(0, 0, length).unsqueeze(0) : targets[row].unsqueeze(0);
            var alone = Gradients(network, parameters, () => Loss(network.call(Alone(inputs, row, length), tensor(new long[] { length })), rowTargets));
            for (int p = 0; p < alone.Length; p++)
            {
                for (int i = 0; i < alone[p].Length; i++)
                    summed[p][i] += alone[p][i];
            }
        }

        double worst = 0, largest = 0;
        for (int p = 0; p < parameters.Length; p++)
        {
            for (int i = 0; i < summed[p].Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(batched[p][i] - summed[p][i]));
                largest = Math.Max(largest, Math.Abs(summed[p][i]));
            }
        }

        Assert.IsTrue(largest > 1e-3, "the gradients are too small to say anything");
        Assert.IsTrue(worst <= 1e-5 * Math.Max(1, largest), $"max |diff| {worst:E2} between the batch's gradients and the sum over its rows (largest {largest:E2})");
    }

    [TestMethod]
    public void ReverseWithinReversesEachRowWithinItsOwnLengthAndUndoesItself()
    {
        using var scope = NewDisposeScope();
        // Rows of lengths 3, 1 and 4 in a batch of 4 steps; values are 10 × row + step, padding = -1.
        var values = tensor(new float[] { 0, 1, 2, -1, 10, -1, -1, -1, 20, 21, 22, 23 }, [3, 4, 1]);
        var rows = new RowLengths(tensor(new long[] { 3, 1, 4 }), steps: 4, CPU);

        var reversed = rows.ReverseWithin(values);

        CollectionAssert.AreEqual(new float[] { 2, 1, 0, -1, 10, -1, -1, -1, 23, 22, 21, 20 }, reversed.data<float>().ToArray());
        CollectionAssert.AreEqual(values.data<float>().ToArray(), rows.ReverseWithin(reversed).data<float>().ToArray());
        CollectionAssert.AreEqual(new float[] { 2, 10, 23 }, rows.AtLastStep(values).data<float>().ToArray());
        CollectionAssert.AreEqual(new[] { false, false, false, true, false, true, true, true, false, false, false, false }, rows.Padding()!.data<bool>().ToArray());
    }

    [TestMethod]
    [DataRow(RnnCellType.Lstm)]
    [DataRow(RnnCellType.Gru)]
    [DataRow(RnnCellType.Relu)]
    public void PerDirectionModulesStartFromTheWeightsOfOneStackedModule(RnnCellType cell)
    {
        // Same seed, same draws: a model trained before the weights moved into one module per layer and direction starts alike.
        var shape = new NetworkShape(cell, InputSize, HiddenSize, NumLayers: 2, Bidirectional: true, Dropout: 0, Classes, TokenRows: 0, LearnedEmbedding: false, ReadsEveryStep: false);
        torch.random.manual_seed(11);
        using var layers = new RecurrentLayers(shape);
        torch.random.manual_seed(11);
        using nn.Module stacked = cell switch
        {
            RnnCellType.Lstm => nn.LSTM(InputSize, HiddenSize, 2, bidirectional: true, batchFirst: true),
            RnnCellType.Gru => nn.GRU(InputSize, HiddenSize, 2, bidirectional: true, batchFirst: true),
            _ => nn.RNN(InputSize, HiddenSize, 2, nn.NonLinearities.ReLU, bidirectional: true, batchFirst: true),
        };
        var expected = stacked.named_parameters().ToDictionary(p => p.name, p => p.parameter);

        for (int layer = 0; layer < 2; layer++)
        {
            for (int direction = 0; direction < 2; direction++)
            {
                foreach (var (name, parameter) in layers.Direction(layer, direction).named_parameters())
                {
                    string stackedName = name.Replace("_l0", $"_l{layer}", StringComparison.Ordinal) + (direction == 1 ? "_reverse" : "");
                    Assert.IsTrue(parameter.eq(expected[stackedName]).all().item<bool>(), $"{stackedName} differs");
                }
            }
        }
    }

    /// <summary>
    /// The batch's probabilities from libtorch without gradients (<paramref name="withoutGradients"/>) and with them (its
    /// training kernels), each compared with the double-precision reference on the same weights and rows.
    /// </summary>
    private static ReferenceComparison CompareWithReference(RnnSequenceNetwork network, Tensor inputs, Tensor lengths, Tensor withoutGradients)
    {
        Tensor withGradients;
        using (enable_grad())
        {
            var outputs = network.call(inputs, lengths);
            Assert.IsTrue(outputs.requires_grad, "with gradients enabled the forward pass must build an autograd graph");
            withGradients = outputs.detach().softmax(-1);
        }

        var description = NetworkWeights.Describe(network, ["a", "b", "c", "d"], vocabulary: null);
        var batch = PaddedBatches.OfPadded(inputs.data<float>().ToArray(), lengths.data<long>().ToArray(), InputSize);
        var reference = new ReferenceComparison(ReferenceNetwork.Score(description, batch));
        reference.Add(ReferenceComparison.TorchNoGrad, withoutGradients.contiguous().data<float>().ToArray());
        reference.Add(ReferenceComparison.TorchWithGradients, withGradients.contiguous().data<float>().ToArray());
        return reference;
    }

    private static RnnSequenceNetwork Network(RnnCellType cell, bool bidirectional, int layers, Head head, double scale)
    {
        torch.random.manual_seed(100 * (int)cell + 10 * layers + (bidirectional ? 1 : 0) + 1000 * (int)head);
        var pooling = head switch { Head.Max => RnnPooling.Max, Head.Mean => RnnPooling.Mean, _ => RnnPooling.Last };
        var network = new RnnSequenceNetwork(new NetworkShape(
            cell, InputSize, HiddenSize, layers, bidirectional, Dropout: 0, Classes, TokenRows: 0, LearnedEmbedding: false, ReadsEveryStep: head == Head.PerStep, pooling));
        using (no_grad())
        {
            // Larger weights make probabilities far from uniform, so a leak shows; ReLU cells would overflow at 3×.
            foreach (var parameter in network.parameters())
                parameter.mul_(cell == RnnCellType.Relu ? Math.Min(scale, 1.5) : scale);
        }

        return network;
    }

    /// <summary>[16, S, 3] random steps (zero past each length): the short rows, then one long row.</summary>
    private static (Tensor Inputs, Tensor Lengths) Batch(bool packed, int seed)
    {
        long[] lengths = [.. ShortLengths.Select(l => (long)l), packed ? 200 : 12];
        long steps = lengths.Max();
        var random = new Random(seed);
        var values = new float[lengths.Length * steps * InputSize];
        for (int row = 0; row < lengths.Length; row++)
        {
            for (int i = 0; i < lengths[row] * InputSize; i++)
                values[row * steps * InputSize + i] = (float)(random.NextDouble() * 2 - 1);
        }

        return (tensor(values, [lengths.Length, steps, InputSize]), tensor(lengths));
    }

    private static Tensor Targets(Tensor lengths, bool perStep, int seed)
    {
        var random = new Random(seed);
        long rows = lengths.shape[0];
        if (!perStep)
            return tensor(Enumerable.Range(0, (int)rows).Select(_ => (long)random.Next(Classes)).ToArray());
        long steps = lengths.max().item<long>();
        var targets = new long[rows * steps];
        for (int row = 0; row < rows; row++)
        {
            for (int t = 0; t < steps; t++)
                targets[row * steps + t] = t < lengths[row].item<long>() ? random.Next(Classes) : SequenceBatchBuilder.IgnoredStep;
        }

        return tensor(targets, [rows, steps]);
    }

    private static Tensor Alone(Tensor inputs, int row, int length) => inputs[row].narrow(0, 0, length).unsqueeze(0);

    private static Tensor Loss(Tensor logits, Tensor targets) => nn.functional.cross_entropy(
        logits.reshape(-1, Classes), targets.reshape(-1), ignore_index: SequenceBatchBuilder.IgnoredStep, reduction: nn.Reduction.Sum);

    private static float[][] Gradients(RnnSequenceNetwork network, Parameter[] parameters, Func<Tensor> loss)
    {
        using var scope = NewDisposeScope();
        network.zero_grad();
        loss().backward();
        return [.. parameters.Select(p => p.grad is { } g ? g.contiguous().data<float>().ToArray() : new float[p.numel()])];
    }

    private static void AssertTakesPath(Tensor inputs, Tensor lengths, bool packed)
    {
        var rows = new RowLengths(lengths, inputs.shape[1], CPU);
        Assert.AreEqual(packed, rows.Fill < RecurrentLayers.PackedBelowFill, $"fill {rows.Fill:F2} does not take the {(packed ? "packed" : "padded")} path");
    }
}
