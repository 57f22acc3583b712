using static Rnn.MLNet.Tests.ReferenceCellTests;
using Rnn.Tests.Reference;

namespace Rnn.MLNet.Tests;

/// <summary>
/// The reference (<see cref="ReferenceNetwork"/>) reads only each row's valid steps of a zero-padded batch: the backward
/// direction starts at the row's own last step, pooling and per-step outputs leave padding out, tokens read their lookup
/// rows, a skip reads the flattened input. Expected numbers are worked out by hand here, from binary fractions (exact in
/// float and double). Where padding could be read by mistake, a padded step (zeros) would change the state or the pool.
/// </summary>
[TestClass]
public sealed class ReferenceRowTests
{
    private const double Exact = 1e-12;

    [TestMethod]
    public void BackwardDirectionStartsAtEachRowsOwnLastValidStep()
    {
        // Tanh, input 1, hidden 1. Forward: W_ih = 1, W_hh = 0.5, b = 0.25 + 0. Backward: W_ih = -1, W_hh = 0.375, b = 0.125 + 0.125.
        // An identity head: output 0 = forward state at the last valid step, output 1 = backward state at step 0.
        var description = Regressor(RnnCellType.Tanh, 1, 1,
            [Direction([1f], [0.5f], [0.25f], [0f]), Direction([-1f], [0.375f], [0.125f], [0.125f])],
            head: [1f, 0f, 0f, 1f], headBias: [0f, 0f], means: [0f, 0f], scales: [1f, 1f]);

        // Lengths 3, 1 and 2: rows two and three are zero-padded to 3 steps.
        var scores = ReferenceNetwork.Score(description, PaddedBatches.OfValues(1, [0.5f, -1f, 2f], [0.75f], [-0.375f, 1.5f]));

        // Row 0: forward over 0.5, -1, 2; backward over 2, -1, 0.5.
        double f1 = Math.Tanh(0.5 + 0.25), f2 = Math.Tanh(-1 + 0.25 + 0.5 * f1), f3 = Math.Tanh(2 + 0.25 + 0.5 * f2);
        double b3 = Math.Tanh(-2 + 0.25), b2 = Math.Tanh(1 + 0.25 + 0.375 * b3), b1 = Math.Tanh(-0.5 + 0.25 + 0.375 * b2);
        Assert.AreEqual(f3, scores.Values[0], Exact);
        Assert.AreEqual(b1, scores.Values[1], Exact);
        // Row 1: one step each way. Had the backward direction started at padded step 2, it would read tanh(0.25) first.
        Assert.AreEqual(Math.Tanh(0.75 + 0.25), scores.Values[2], Exact);
        Assert.AreEqual(Math.Tanh(-0.75 + 0.25), scores.Values[3], Exact);
        // Row 2: forward over -0.375, 1.5; backward starts at step 1 (1.5), ends at step 0 (-0.375).
        double g1 = Math.Tanh(-0.375 + 0.25), g2 = Math.Tanh(1.5 + 0.25 + 0.5 * g1);
        double c2 = Math.Tanh(-1.5 + 0.25), c1 = Math.Tanh(0.375 + 0.25 + 0.375 * c2);
        Assert.AreEqual(g2, scores.Values[4], Exact);
        Assert.AreEqual(c1, scores.Values[5], Exact);
    }

    [TestMethod]
    public void ASecondLayerReadsForwardThenBackwardOutputsOfTheSameStep()
    {
        // Two bidirectional Tanh layers, hidden 1, one row x = (0.75, -0.625).
        // Layer 1: forward W_ih = 1, nothing else; backward W_ih = -1, W_hh = 0.5.
        // Layer 2 reads [forward, backward]: forward W_ih = [1, 2], W_hh = 0.5, b_ih = 0.125; backward W_ih = [-1, 0.5].
        var description = new RecurrentNetworkDescription(RnnCellType.Tanh, 1, 1, bidirectional: true,
            [
                [Direction([1f], [0f], [0f], [0f]), Direction([-1f], [0.5f], [0f], [0f])],
                [Direction([1f, 2f], [0.5f], [0.125f], [0f]), Direction([-1f, 0.5f], [0f], [0f], [0f])],
            ],
            new DenseLayerWeights(2, 2, [1f, 0f, 0f, 1f], [0f, 0f]), [], regression: new RegressionTargets(["y0", "y1"], [0f, 0f], [1f, 1f]));

        var scores = ReferenceNetwork.Score(description, PaddedBatches.OfValues(1, [0.75f, -0.625f]));

        double x1 = 0.75, x2 = -0.625;
        double f1 = Math.Tanh(x1), f2 = Math.Tanh(x2);
        double b2 = Math.Tanh(-x2), b1 = Math.Tanh(-x1 + 0.5 * b2);
        double u1 = Math.Tanh(f1 + 2 * b1 + 0.125), u2 = Math.Tanh(f2 + 2 * b2 + 0.125 + 0.5 * u1);
        double v1 = Math.Tanh(-f1 + 0.5 * b1);
        Assert.AreEqual(u2, scores.Values[0], Exact);
        Assert.AreEqual(v1, scores.Values[1], Exact);
    }

    [TestMethod]
    [DataRow(RnnPooling.Max)]
    [DataRow(RnnPooling.Mean)]
    public void PoolingTakesOnlyValidSteps(RnnPooling pooling)
    {
        // Tanh with W_ih = 1 and nothing else: h_t = tanh(x_t). Padding would add tanh(0) = 0, above tanh(-1) and diluting a mean.
        var description = Regressor(RnnCellType.Tanh, 1, 1, [Direction([1f], [0f], [0f], [0f])], [1f], [0f], [0f], [1f], pooling);

        var scores = ReferenceNetwork.Score(description, PaddedBatches.OfValues(1, [0.5f, -2f, 1f], [-1f]));

        double[] expected = pooling == RnnPooling.Max
            ? [Math.Tanh(1), Math.Tanh(-1)]
            : [(Math.Tanh(0.5) + Math.Tanh(-2) + Math.Tanh(1)) / 3, Math.Tanh(-1)];
        Assert.AreEqual(expected[0], scores.Values[0], Exact);
        Assert.AreEqual(expected[1], scores.Values[1], Exact);
    }

    [TestMethod]
    public void PerStepOutputsFillValidStepsInTheScorersLayoutAndLeavePaddingOut()
    {
        // h_t = tanh(x_t); head (h, -h), so softmax gives p0 = e^h / (e^h + e^-h) = sigmoid(2h).
        var description = Classifier(RnnCellType.Tanh, 1, 1, [Direction([1f], [0f], [0f], [0f])], head: [1f, -1f], headBias: [0f, 0f], perStep: true);

        var scores = ReferenceNetwork.Score(description, PaddedBatches.OfValues(1, [0.5f, -2f, 1f], [-1f]));

        // Layout [rows 2, max steps 3, classes 2]; row 1 has one valid step.
        Assert.AreEqual(12, scores.Values.Length);
        double[] h = [Math.Tanh(0.5), Math.Tanh(-2), Math.Tanh(1), Math.Tanh(-1)];
        int[] at = [0, 2, 4, 6];
        for (int k = 0; k < h.Length; k++)
        {
            Assert.AreEqual(Sigmoid(2 * h[k]), scores.Values[at[k]], Exact);
            Assert.AreEqual(1 - Sigmoid(2 * h[k]), scores.Values[at[k] + 1], Exact);
        }

        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4, 5, 6, 7 }, scores.ValidIndices().ToArray());
        Assert.IsTrue(scores.Values.Skip(8).All(double.IsNaN), "padded steps hold NaN");
    }

    [TestMethod]
    public void TokensReadTheirEmbeddingRowWithRowZeroForUnknownTokens()
    {
        // Embedding rows [0.375 (unknown), -0.5, 1.25]; h_t = tanh(row); mean over the steps.
        var tokens = TokenLookup.Embedding(["a", "b"], 1, [0.375f, -0.5f, 1.25f]);
        var description = Regressor(RnnCellType.Tanh, 1, 1, [Direction([1f], [0f], [0f], [0f])], [1f], [0f], [0f], [1f], RnnPooling.Mean, tokens);

        var scores = ReferenceNetwork.Score(description, PaddedBatches.OfTokens([1, 0, 2], [2]));

        Assert.AreEqual((Math.Tanh(-0.5) + Math.Tanh(0.375) + Math.Tanh(1.25)) / 3, scores.Values[0], Exact);
        Assert.AreEqual(Math.Tanh(1.25), scores.Values[1], Exact);
    }

    [TestMethod]
    public void OneHotTokensSelectAColumnOfTheInputWeights()
    {
        // Vocabulary of two: width 3, W_ih = [0.125, 0.25, 0.375], so token i gives h = tanh(W_ih[i]).
        var description = Regressor(RnnCellType.Tanh, 3, 1, [Direction([0.125f, 0.25f, 0.375f], [0f], [0f], [0f])], [1f], [0f], [0f], [1f], RnnPooling.Mean, TokenLookup.OneHot(["a", "b"]));

        var scores = ReferenceNetwork.Score(description, PaddedBatches.OfTokens([2, 0], [1]));

        Assert.AreEqual((Math.Tanh(0.375) + Math.Tanh(0.125)) / 2, scores.Values[0], Exact);
        Assert.AreEqual(Math.Tanh(0.25), scores.Values[1], Exact);
    }

    [TestMethod]
    public void TheInputSkipAddsALinearMapOfFlattenedInputPositionsBeforeTargetUnits()
    {
        // All-zero recurrent weights (h = tanh(0) = 0), head bias 0.5; the skip reads positions 0 and 3 of [x00, x01, x10, x11]
        // with weights 2 and -1 and bias 0.25; target units: × 2 + 1.
        // Row [1, 2, 3, 4]: 0.5 + 2 × 1 - 4 + 0.25 = -1.25 → -1.5. Row [0.5, 0, 0, 1]: 0.5 + 1 - 1 + 0.25 = 0.75 → 2.5.
        var skip = new LinearSkip([0, 3], new DenseLayerWeights(1, 2, [2f, -1f], [0.25f]));
        var description = Regressor(RnnCellType.Tanh, 2, 1, [Direction([0f, 0f], [0f], [0f], [0f])], [1f], [0.5f], [1f], [2f], skip: skip);

        var scores = ReferenceNetwork.Score(description, PaddedBatches.OfValues(2, [1f, 2f, 3f, 4f], [0.5f, 0f, 0f, 1f]));

        Assert.AreEqual(-1.5, scores.Values[0], Exact);
        Assert.AreEqual(2.5, scores.Values[1], Exact);
    }
}
