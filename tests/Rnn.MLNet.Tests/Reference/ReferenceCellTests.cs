using Rnn.Tests.Reference;

namespace Rnn.MLNet.Tests;

/// <summary>
/// The double-precision reference (<see cref="ReferenceNetwork"/>) on tiny networks with hand-chosen weights, against
/// numbers worked out here from the cell equations, written out step by step with <see cref="Math.Tanh"/> and a local
/// sigmoid and never through the reference's code, so the reference cannot pass by sharing a mistake with itself. Gate
/// values are all different, so a wrong gate order or a wrong block layout changes the result. Every weight and input is a
/// binary fraction (exact in float and double), so the decimal literals below are exactly what the network holds.
/// </summary>
[TestClass]
public sealed class ReferenceCellTests
{
    private const double Exact = 1e-12;

    [TestMethod]
    public void ReluCellClampsAtZeroAndTheRegressorMapsToTargetUnits()
    {
        // W_ih = 1, W_hh = 0.5, b_ih + b_hh = 0.25 - 0.25 = 0. Steps 1, -3, 2:
        // h1 = relu(1) = 1; h2 = relu(-3 + 0.5 × 1) = relu(-2.5) = 0; h3 = relu(2 + 0.5 × 0) = 2.
        // Head 2 h + 0.5 = 4.5; target units 4.5 × 3 + 10 = 23.5.
        var description = Regressor(RnnCellType.Relu, 1, 1, [Direction([1f], [0.5f], [0.25f], [-0.25f])], [2f], [0.5f], [10f], [3f]);

        var scores = ReferenceNetwork.Score(description, PaddedBatches.OfValues(1, [1f, -3f, 2f]));

        Assert.AreEqual(23.5, scores.Values[0], Exact);
    }

    [TestMethod]
    public void TanhCellReadsRowMajorMatricesAndTheClassifierAppliesSoftmax()
    {
        // Input 2, hidden 2: W_ih = [[0.5, -0.25], [0.125, 0.75]], W_hh = [[-1, 0.375], [0.25, 0.625]],
        // b_ih = [0.125, -0.25], b_hh = [0.0625, 0].
        var description = Classifier(RnnCellType.Tanh, 2, 2,
            [Direction([0.5f, -0.25f, 0.125f, 0.75f], [-1f, 0.375f, 0.25f, 0.625f], [0.125f, -0.25f], [0.0625f, 0f])],
            head: [1f, -1f, 0.5f, 2f], headBias: [0f, 0.125f]);
        float[] x = [1f, 2f, -1f, 0.5f, 0.375f, -0.75f];

        var scores = ReferenceNetwork.Score(description, PaddedBatches.OfValues(2, x));

        double a1 = Math.Tanh((0.5 * 1 - 0.25 * 2) + 0.125 + 0.0625);
        double b1 = Math.Tanh((0.125 * 1 + 0.75 * 2) - 0.25);
        double a2 = Math.Tanh((0.5 * -1 - 0.25 * 0.5) + 0.125 + (-1 * a1 + 0.375 * b1) + 0.0625);
        double b2 = Math.Tanh((0.125 * -1 + 0.75 * 0.5) - 0.25 + (0.25 * a1 + 0.625 * b1));
        double a3 = Math.Tanh((0.5 * 0.375 - 0.25 * -0.75) + 0.125 + (-1 * a2 + 0.375 * b2) + 0.0625);
        double b3 = Math.Tanh((0.125 * 0.375 + 0.75 * -0.75) - 0.25 + (0.25 * a2 + 0.625 * b2));
        // Head [[1, -1], [0.5, 2]], bias [0, 0.125]; softmax of two logits.
        double z0 = a3 - b3, z1 = 0.5 * a3 + 2 * b3 + 0.125;
        double p0 = Math.Exp(z0) / (Math.Exp(z0) + Math.Exp(z1));
        Assert.AreEqual(p0, scores.Values[0], Exact);
        Assert.AreEqual(1 - p0, scores.Values[1], Exact);
    }

    [TestMethod]
    public void LstmCellTakesGatesInPyTorchOrderInputForgetCellOutput()
    {
        // Per gate (i, f, g, o): W_ih = [0.5, -0.375, 0.875, 0.25], W_hh = [0.25, 0.75, -0.625, 1.125],
        // b_ih = [0.125, 0.25, -0.125, 0], b_hh = [0, 0.375, 0.0625, -0.25].
        var description = Regressor(RnnCellType.Lstm, 1, 1,
            [Direction([0.5f, -0.375f, 0.875f, 0.25f], [0.25f, 0.75f, -0.625f, 1.125f], [0.125f, 0.25f, -0.125f, 0f], [0f, 0.375f, 0.0625f, -0.25f])],
            head: [1f], headBias: [0f], means: [0f], scales: [1f]);

        var scores = ReferenceNetwork.Score(description, PaddedBatches.OfValues(1, [1f, -2f]));

        // Step 1, x = 1, h = c = 0 (the forget gate multiplies c = 0).
        double i1 = Sigmoid(0.5 + 0.125 + 0), g1 = Math.Tanh(0.875 - 0.125 + 0.0625), o1 = Sigmoid(0.25 + 0 - 0.25);
        double c1 = i1 * g1, h1 = o1 * Math.Tanh(c1);
        // Step 2, x = -2.
        double i2 = Sigmoid(-1.0 + 0.125 + 0.25 * h1 + 0);
        double f2 = Sigmoid(0.75 + 0.25 + 0.75 * h1 + 0.375);
        double g2 = Math.Tanh(-1.75 - 0.125 - 0.625 * h1 + 0.0625);
        double o2 = Sigmoid(-0.5 + 0 + 1.125 * h1 - 0.25);
        double c2 = f2 * c1 + i2 * g2;
        Assert.AreEqual(o2 * Math.Tanh(c2), scores.Values[0], Exact);
    }

    [TestMethod]
    public void GruCellResetsTheWholeRecurrentTermIncludingItsBias()
    {
        // Hidden 2, gates r, z, n of two rows each. W_ih (one column) = [0.5, -0.25 | 0.25, 0.375 | 1, -0.75];
        // W_hh rows = [0.125, 0.25], [-0.25, 0.375] | [0.5, -0.5], [0.25, 0.125] | [0.625, -0.25], [0.375, 0.875];
        // b_ih = [0.125, 0 | -0.125, 0.25 | 0.0625, -0.0625]; b_hh = [0, 0.125 | 0.25, -0.125 | 0.375, 0.5] (b_hn ≠ 0: the reset gate scales it).
        var description = Regressor(RnnCellType.Gru, 1, 2,
            [Direction(
                [0.5f, -0.25f, 0.25f, 0.375f, 1f, -0.75f],
                [0.125f, 0.25f, -0.25f, 0.375f, 0.5f, -0.5f, 0.25f, 0.125f, 0.625f, -0.25f, 0.375f, 0.875f],
                [0.125f, 0f, -0.125f, 0.25f, 0.0625f, -0.0625f],
                [0f, 0.125f, 0.25f, -0.125f, 0.375f, 0.5f])],
            head: [1f, 0f, 0f, 1f], headBias: [0f, 0f], means: [0f, 0f], scales: [1f, 1f]);

        var scores = ReferenceNetwork.Score(description, PaddedBatches.OfValues(1, [1.5f, -0.5f]));

        // Step 1, x = 1.5, h = 0: every recurrent term is its bias.
        double x = 1.5;
        double ra = Sigmoid(0.5 * x + 0.125 + 0), rb = Sigmoid(-0.25 * x + 0 + 0.125);
        double za = Sigmoid(0.25 * x - 0.125 + 0.25), zb = Sigmoid(0.375 * x + 0.25 - 0.125);
        double na = Math.Tanh(1.0 * x + 0.0625 + ra * 0.375), nb = Math.Tanh(-0.75 * x - 0.0625 + rb * 0.5);
        double ha = (1 - za) * na, hb = (1 - zb) * nb;
        // Step 2, x = -0.5.
        x = -0.5;
        ra = Sigmoid(0.5 * x + 0.125 + (0.125 * ha + 0.25 * hb + 0));
        rb = Sigmoid(-0.25 * x + 0 + (-0.25 * ha + 0.375 * hb + 0.125));
        za = Sigmoid(0.25 * x - 0.125 + (0.5 * ha - 0.5 * hb + 0.25));
        zb = Sigmoid(0.375 * x + 0.25 + (0.25 * ha + 0.125 * hb - 0.125));
        na = Math.Tanh(1.0 * x + 0.0625 + ra * (0.625 * ha - 0.25 * hb + 0.375));
        nb = Math.Tanh(-0.75 * x - 0.0625 + rb * (0.375 * ha + 0.875 * hb + 0.5));
        Assert.AreEqual((1 - za) * na + za * ha, scores.Values[0], Exact);
        Assert.AreEqual((1 - zb) * nb + zb * hb, scores.Values[1], Exact);
    }

    internal static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    internal static RecurrentDirectionWeights Direction(float[] inputWeights, float[] recurrentWeights, float[] inputBias, float[] recurrentBias) =>
        new(inputWeights, recurrentWeights, inputBias, recurrentBias);

    /// <summary>A one-layer regressor; several directions make it bidirectional.</summary>
    internal static RecurrentNetworkDescription Regressor(
        RnnCellType cell, int inputSize, int hidden, RecurrentDirectionWeights[] directions, float[] head, float[] headBias, float[] means, float[] scales,
        RnnPooling pooling = RnnPooling.Last, TokenLookup? tokens = null, LinearSkip? skip = null) =>
        new(cell, inputSize, hidden, directions.Length == 2, [directions], new DenseLayerWeights(headBias.Length, directions.Length * hidden, head, headBias), [],
            tokens, pooling: pooling, regression: new RegressionTargets([.. means.Select((_, i) => $"y{i}")], means, scales), inputSkip: skip);

    /// <summary>A one-layer, one-direction classifier.</summary>
    internal static RecurrentNetworkDescription Classifier(
        RnnCellType cell, int inputSize, int hidden, RecurrentDirectionWeights[] directions, float[] head, float[] headBias, bool perStep = false) =>
        new(cell, inputSize, hidden, directions.Length == 2, [directions], new DenseLayerWeights(headBias.Length, directions.Length * hidden, head, headBias),
            [.. headBias.Select((_, i) => $"c{i}")], perStep: perStep);
}
