using Rnn.Onnx.Tests.Support;

namespace Rnn.Onnx.Tests.Quantization;

/// <summary>
/// <see cref="OnnxQuantization.DynamicInt8"/> graphs score within a stated tolerance of the float graph of the same network,
/// for every cell × direction × layers × lengths (equal, and mixed with a length-1 row) × task (classes, per-step classes,
/// regression) and input (float steps, embedding, one-hot).
/// </summary>
/// <remarks>
/// The tolerance: 8-bit weights carry a relative error up to 1/254 of each row's largest weight, and ONNX Runtime quantizes the
/// activations of every product to 8 bits at run time (one scale per tensor), so a probability moves by up to a few hundredths
/// in these small random networks, whose weights are spread wider than trained ones. Measured here (Intel Xeon, family 6,
/// model 207, AVX-512 VNNI): the worst probability difference over all of them is printed by each test.
/// </remarks>
[TestClass]
public sealed class QuantizedScoreTests
{
    /// <summary>Largest allowed |int8 − float| on a probability (worst measured here: 1.4e-2, a GRU's head).</summary>
    internal const double ProbabilityTolerance = 0.03;

    /// <summary>
    /// Largest allowed |int8 − float| on a regressor's prediction, in units of its target's scale (worst measured here: 4.5e-2;
    /// the random head's standardised outputs span several units, so its 8-bit rounding shows more than on probabilities).
    /// </summary>
    internal const double RegressionTolerance = 0.1;

    private static readonly (string Name, int[] Lengths)[] LengthMixes = [("equal", [9, 9, 9, 9]), ("mixed", [1, 9, 4, 7, 2, 9])];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(RnnCellType.Tanh)]
    [DataRow(RnnCellType.Relu)]
    [DataRow(RnnCellType.Lstm)]
    [DataRow(RnnCellType.Gru)]
    public void EveryTaskScoresWithinToleranceOfFloat(RnnCellType cell)
    {
        double worstProbability = 0, worstRegression = 0;
        foreach (int layers in new[] { 1, 2, 3 })
            foreach (bool bidirectional in new[] { false, true })
                foreach (var (mix, lengths) in LengthMixes)
                    foreach (var task in new[] { "classify", "label", "regress", "max-pool" })
                    {
                        int seed = 9000 + 1000 * (int)cell + 100 * layers + 10 * (bidirectional ? 1 : 0) + (mix == "mixed" ? 1 : 0) + 3 * task.Length;
                        var net = Network(task, RandomNetworks.Create(cell, layers, bidirectional, seed, inputSize: 6, hiddenSize: 16, classes: 5));
                        var sequences = RandomNetworks.Sequences(seed + 1, net.InputSize, lengths);
                        double diff = MaxDifference(net, sequences, out var scales);
                        string where = $"{cell} ×{layers} {(bidirectional ? "bi" : "uni")} {mix} {task}";
                        TestContext.WriteLine($"{where}: max |int8 − float| = {diff:E2}{(scales ? " × target scale" : "")}");
                        Assert.IsTrue(diff <= (scales ? RegressionTolerance : ProbabilityTolerance), $"{where}: {diff:E3}");
                        if (scales)
                            worstRegression = Math.Max(worstRegression, diff);
                        else
                            worstProbability = Math.Max(worstProbability, diff);
                    }

        TestContext.WriteLine($"worst for {cell}: probabilities {worstProbability:E2}, regression {worstRegression:E2} of the target scale");
    }

    /// <summary>The network with its task changed: classify (as drawn), per-step labels, a regressor, or max pooling.</summary>
    internal static RecurrentNetworkDescription Network(string task, RecurrentNetworkDescription net) => task switch
    {
        "label" => new(net.Cell, net.InputSize, net.HiddenSize, net.Bidirectional, net.Layers, net.Head, net.ClassNames, perStep: true),
        "regress" => RandomNetworks.AsRegressor(net, [.. Enumerable.Range(0, net.Head.Outputs).Select(i => 10f * i)], [.. Enumerable.Range(0, net.Head.Outputs).Select(i => 1f + i)]),
        "max-pool" => new(net.Cell, net.InputSize, net.HiddenSize, net.Bidirectional, net.Layers, net.Head, net.ClassNames, pooling: RnnPooling.Max),
        _ => net,
    };

    /// <summary>
    /// Largest |int8 − float| over the valid outputs of one padded batch (probabilities, or a regressor's predictions divided
    /// by the target's scale, when <paramref name="scaled"/> comes back true).
    /// </summary>
    internal static double MaxDifference(RecurrentNetworkDescription net, float[][] sequences, out bool scaled)
    {
        var (single, quantized, lengths, steps) = Score(net, sequences);
        scaled = net.Regression is not null;
        int outputs = net.Head.Outputs;
        double worst = 0;
        for (int b = 0; b < sequences.Length; b++)
        {
            for (int t = 0; t < (net.PerStep ? lengths[b] : 1); t++)
            {
                int start = net.PerStep ? (b * steps + t) * outputs : b * outputs;
                for (int o = 0; o < outputs; o++)
                {
                    double scale = scaled ? net.Regression!.Scales.Span[o] : 1;
                    worst = Math.Max(worst, Math.Abs(single[start + o] - quantized[start + o]) / scale);
                }
            }
        }

        return worst;
    }

    private static (float[] Float, float[] Int8, int[] Lengths, int Steps) Score(RecurrentNetworkDescription net, float[][] sequences)
    {
        int steps = sequences.Max(s => s.Length) / net.InputSize;
        var lengths = sequences.Select(s => s.Length / net.InputSize).ToArray();
        var padded = new float[sequences.Length * steps * net.InputSize];
        for (int b = 0; b < sequences.Length; b++)
            sequences[b].CopyTo(padded, b * steps * net.InputSize);
        int size = sequences.Length * (net.PerStep ? steps : 1) * net.Head.Outputs;
        float[] Run(OnnxQuantization quantization)
        {
            using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Quantization = quantization }));
            Assert.AreEqual(quantization, scorer.Quantization);
            var output = new float[size];
            scorer.ScoreBatch(padded, sequences.Length, steps, lengths, output);
            return output;
        }

        return (Run(OnnxQuantization.None), Run(OnnxQuantization.DynamicInt8), lengths, steps);
    }
}
