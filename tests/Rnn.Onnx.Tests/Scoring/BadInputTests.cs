using Rnn.Onnx.Tests.Support;

namespace Rnn.Onnx.Tests;

/// <summary>Bad sequences are refused with messages that name the value, where it is and what was expected.</summary>
[TestClass]
public sealed class BadInputTests
{
    private static RnnOnnxScorer s_scorer = null!;

    [ClassInitialize]
    public static void Load(TestContext _) =>
        s_scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(RandomNetworks.Create(RnnCellType.Lstm, 1, false, seed: 81, inputSize: 3)));

    [ClassCleanup]
    public static void Unload() => s_scorer.Dispose();

    [TestMethod]
    public void EmptySequence()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => s_scorer.Score([]));
        StringAssert.Contains(ex.Message, "empty");
        StringAssert.Contains(ex.Message, "3 values");
    }

    [TestMethod]
    public void LengthNotAMultipleOfInputSize()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => s_scorer.Score(new float[7]));
        StringAssert.Contains(ex.Message, "7 values");
        StringAssert.Contains(ex.Message, "multiple of the input size 3");
    }

    [TestMethod]
    public void NaNNamesValueIndexStepAndFeature()
    {
        var sequence = new float[9];
        sequence[4] = float.NaN;
        var ex = Assert.ThrowsExactly<ArgumentException>(() => s_scorer.Score(sequence));
        StringAssert.Contains(ex.Message, "NaN");
        StringAssert.Contains(ex.Message, "index 4");
        StringAssert.Contains(ex.Message, "step 1, feature 1");
        StringAssert.Contains(ex.Message, "finite");
    }

    [TestMethod]
    public void InfinityInABatchNamesTheSequence()
    {
        float[][] batch = [new float[3], new float[6]];
        batch[1][5] = float.NegativeInfinity;
        var ex = Assert.ThrowsExactly<ArgumentException>(() => s_scorer.ScoreBatch(batch));
        StringAssert.Contains(ex.Message, float.NegativeInfinity.ToString());
        StringAssert.Contains(ex.Message, "sequence 1");
        StringAssert.Contains(ex.Message, "index 5");
    }

    [TestMethod]
    public void NullOrEmptySequenceInABatch()
    {
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => s_scorer.ScoreBatch([new float[3], null!])).Message, "Sequence 1 is null");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => s_scorer.ScoreBatch([[], new float[3]])).Message, "Sequence 0 is empty");
        Assert.ThrowsExactly<ArgumentNullException>(() => s_scorer.ScoreBatch(null!));
        Assert.IsEmpty(s_scorer.ScoreBatch([]));
    }

    [TestMethod]
    public void LowLevelSizeAndLengthChecks()
    {
        var probabilities = new float[2 * s_scorer.ClassCount];
        var padded = new float[2 * 4 * 3];
        Refused(() => s_scorer.ScoreBatch(padded.AsSpan(1), 2, 4, [4, 4], probabilities), "expected batch × maxSteps × InputSize");
        Refused(() => s_scorer.ScoreBatch(padded, 2, 4, [4], probabilities), "lengths has 1");
        Refused(() => s_scorer.ScoreBatch(padded, 2, 4, [4, 0], probabilities), "Length 0 at index 1");
        Refused(() => s_scorer.ScoreBatch(padded, 2, 4, [5, 1], probabilities), "Length 5 at index 0");
        Refused(() => s_scorer.ScoreBatch(padded, 2, 4, [4, 4], probabilities.AsSpan(1)), "probabilities");

        padded[1 * 12 + 2 * 3 + 1] = float.PositiveInfinity; // sequence 1, step 2, feature 1
        var ex = Assert.ThrowsExactly<ArgumentException>(() => s_scorer.ScoreBatch(padded, 2, 4, [4, 4], probabilities));
        StringAssert.Contains(ex.Message, "index 19");
        StringAssert.Contains(ex.Message, "sequence 1, step 2, feature 1");
        // The same value in padding (past the length) is ignored.
        s_scorer.ScoreBatch(padded, 2, 4, [4, 2], probabilities);
    }

    [TestMethod]
    public void LowLevelTokenBatchChecksMatchTheFloatOnes()
    {
        // One-hot over 3 known tokens: InputSize 4, indices 0..3.
        var net = RandomNetworks.WithTokens(RandomNetworks.Create(RnnCellType.Gru, 1, false, seed: 83, inputSize: 4), TokenLookup.OneHot(["a", "b", "c"]));
        using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));
        var probabilities = new float[2 * scorer.ClassCount];
        long[] padded = [1, 2, 3, 0, 3, 0];
        Refused(() => scorer.ScoreTokenBatch(padded.AsSpan(1), 2, 3, [3, 1], probabilities), "padded has 5 indices; expected batch × maxSteps");
        Refused(() => scorer.ScoreTokenBatch(padded, 2, 3, [3], probabilities), "lengths has 1");
        Refused(() => scorer.ScoreTokenBatch(padded, 2, 3, [3, 4], probabilities), "Length 4 at index 1");
        Refused(() => scorer.ScoreTokenBatch(padded, 2, 3, [3, 1], probabilities.AsSpan(1)), "expected batch × ClassCount");
        Assert.ThrowsExactly<InvalidOperationException>(() => scorer.ScoreBatch(new float[8], 2, 1, [1, 1], probabilities));

        // Padding is fed to the graph too, so an index there is checked like any other.
        padded[5] = 4;
        var ex = Assert.ThrowsExactly<ArgumentException>(() => scorer.ScoreTokenBatch(padded, 2, 3, [3, 1], probabilities));
        StringAssert.Contains(ex.Message, "Token index 4 at sequence 1, step 2");
        StringAssert.Contains(ex.Message, "outside 0..3");
        padded[5] = 0;
        scorer.ScoreTokenBatch(padded, 2, 3, [3, 1], probabilities);
        Assert.AreEqual(scorer.ScoreTokens(["a", "b", "c"]).Probabilities[0], probabilities[0], 1e-6f, "the checked batch scores like single sequences");
        scorer.ScoreTokenBatch([], 0, 0, [], []);
    }

    [TestMethod]
    public void DisposedScorerRefusesToScore()
    {
        var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(RandomNetworks.Create(RnnCellType.Tanh, 1, false, seed: 82)));
        scorer.Dispose();
        scorer.Dispose();
        Assert.ThrowsExactly<ObjectDisposedException>(() => scorer.Score(new float[3]));
    }

    private static void Refused(Action act, string fragment) =>
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(act).Message, fragment);
}
