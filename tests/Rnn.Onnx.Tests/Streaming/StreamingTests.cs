using Rnn.Onnx.Tests.Support;

namespace Rnn.Onnx.Tests.Streaming;

/// <summary>
/// RnnOnnxScorer.OpenStream on the stateful graph: any chunking of a sequence gives the whole-sequence result (within
/// 1e-6), for every cell type, stacked layers, per-step and token models; refusals and misuse fail clearly.
/// </summary>
[TestClass]
public sealed class StreamingTests
{
    private const float Tolerance = 1e-6f;

    private static readonly int[][] Chunkings = [[9], [1, 1, 1, 1, 1, 1, 1, 1, 1], [2, 3, 4], [5, 4], [1, 7, 1]];

    [TestMethod]
    [DataRow(RnnCellType.Tanh, 1)]
    [DataRow(RnnCellType.Relu, 2)]
    [DataRow(RnnCellType.Lstm, 1)]
    [DataRow(RnnCellType.Lstm, 2)]
    [DataRow(RnnCellType.Gru, 2)]
    public void AnyChunkingGivesTheWholeSequenceResultAtEveryPush(RnnCellType cell, int layers)
    {
        var net = RandomNetworks.Create(cell, layers, false, seed: 500 + (int)cell * 10 + layers);
        using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));
        var sequence = RandomNetworks.Sequences(600 + layers, net.InputSize, 9)[0];

        foreach (var chunks in Chunkings)
        {
            var stream = scorer.OpenStream();
            int done = 0;
            RnnPrediction? last = null;
            foreach (int size in chunks)
            {
                var running = last = stream.Push(sequence.AsSpan(done * net.InputSize, size * net.InputSize));
                done += size;
                var whole = scorer.Score(sequence.AsSpan(0, done * net.InputSize));
                AssertClose(whole.Probabilities, running.Probabilities, $"{cell} ×{layers}, chunks [{string.Join(",", chunks)}], after {done} steps");
                Assert.AreEqual(whole.PredictedIndex, running.PredictedIndex);
            }

            Assert.AreEqual(9, stream.Steps);
            Assert.AreSame(last, stream.Prediction);
        }
    }

    [TestMethod]
    public void PerStepModelsLabelEachPushedStepAsTaggingTheWhole()
    {
        var net = PerStep(RandomNetworks.Create(RnnCellType.Lstm, 2, false, seed: 610));
        using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));
        var sequence = RandomNetworks.Sequences(611, net.InputSize, 9)[0];
        var whole = scorer.Tag(sequence);

        var stream = scorer.OpenStream();
        var streamed = new List<RnnPrediction>();
        int done = 0;
        foreach (int size in Chunkings[2])
        {
            streamed.AddRange(stream.PushAndTag(sequence.AsSpan(done * net.InputSize, size * net.InputSize)));
            done += size;
        }

        Assert.HasCount(9, streamed);
        for (int t = 0; t < 9; t++)
            AssertClose(whole[t].Probabilities, streamed[t].Probabilities, $"step {t}");
        Assert.IsNull(stream.Prediction);
    }

    [TestMethod]
    public void TokenModelsStreamTokens()
    {
        string[] vocabulary = ["a", "b", "c"];
        var net = RandomNetworks.WithTokens(RandomNetworks.Create(RnnCellType.Gru, 1, false, seed: 620, inputSize: 4), TokenLookup.OneHot(vocabulary));
        using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));
        string[] tokens = ["a", "c", "zz", "b", "b"];

        var stream = scorer.OpenStream();
        stream.PushTokens(tokens[..2]);
        var running = stream.PushTokens(tokens[2..]);
        AssertClose(scorer.ScoreTokens(tokens).Probabilities, running.Probabilities, "tokens");
        Assert.Throws<InvalidOperationException>(() => stream.Push(new float[4]));
        Assert.Throws<ArgumentException>(() => stream.PushTokens([]));
    }

    [TestMethod]
    public void ResetStartsANewSequence()
    {
        var net = RandomNetworks.Create(RnnCellType.Gru, 1, false, seed: 630);
        using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));
        var (first, second) = (RandomNetworks.Sequences(631, net.InputSize, 4)[0], RandomNetworks.Sequences(632, net.InputSize, 3)[0]);
        var stream = scorer.OpenStream();
        stream.Push(first);
        stream.Reset();
        Assert.AreEqual(0, stream.Steps);
        Assert.IsNull(stream.Prediction);
        AssertClose(scorer.Score(second).Probabilities, stream.Push(second).Probabilities, "after reset");
    }

    [TestMethod]
    public void StreamsOfOneScorerAreIndependentAndEachIsThreadSafe()
    {
        var net = RandomNetworks.Create(RnnCellType.Lstm, 1, false, seed: 640);
        using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));
        var sequences = RandomNetworks.Sequences(641, net.InputSize, 6, 6, 6, 6);
        var results = new RnnPrediction[sequences.Length];
        Parallel.For(0, sequences.Length, i =>
        {
            var stream = scorer.OpenStream();
            for (int t = 0; t < 6; t++)
                results[i] = stream.Push(sequences[i].AsSpan(t * net.InputSize, net.InputSize));
        });
        for (int i = 0; i < sequences.Length; i++)
            AssertClose(scorer.Score(sequences[i]).Probabilities, results[i].Probabilities, $"stream {i}");

        // Concurrent pushes to one stream are serialized: with every step alike, the order they win does not matter.
        var step = sequences[0].AsSpan(0, net.InputSize).ToArray();
        var shared = scorer.OpenStream();
        Parallel.For(0, 16, _ => shared.Push(step));
        Assert.AreEqual(16, shared.Steps);
        var repeated = Enumerable.Range(0, 16).SelectMany(_ => step).ToArray();
        AssertClose(scorer.Score(repeated).Probabilities, shared.Prediction!.Probabilities, "shared stream");
    }

    [TestMethod]
    public void ModelsThatNeedWholeSequencesRefuseToStream()
    {
        using var bidirectional = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(RandomNetworks.Create(RnnCellType.Gru, 1, true, seed: 650)));
        StringAssert.Contains(Assert.Throws<NotSupportedException>(() => bidirectional.OpenStream()).Message, "bidirectional");

        var net = RandomNetworks.Create(RnnCellType.Gru, 1, false, seed: 651);
        var pooled = new RecurrentNetworkDescription(net.Cell, net.InputSize, net.HiddenSize, false, net.Layers, net.Head, net.ClassNames, pooling: RnnPooling.Max);
        using var max = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(pooled));
        StringAssert.Contains(Assert.Throws<NotSupportedException>(() => max.OpenStream()).Message, "Max");
        Assert.Throws<ArgumentException>(() => RnnOnnxExporter.ToBytes(pooled, new OnnxExportOptions { Layout = OnnxInputLayout.Stateful }));
    }

    [TestMethod]
    public void BadPushesFailClearlyAndLeaveTheStreamAsItWas()
    {
        var net = RandomNetworks.Create(RnnCellType.Tanh, 1, false, seed: 660);
        var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));
        var stream = scorer.OpenStream();
        Assert.Throws<ArgumentException>(() => stream.Push([]));
        Assert.Throws<ArgumentException>(() => stream.Push(new float[net.InputSize + 1]));
        var nan = new float[net.InputSize];
        nan[1] = float.NaN;
        StringAssert.Contains(Assert.Throws<ArgumentException>(() => stream.Push(nan)).Message, "not a finite number");
        Assert.Throws<InvalidOperationException>(() => stream.PushAndTag(new float[net.InputSize]));
        Assert.Throws<InvalidOperationException>(() => stream.PushTokens(["a"]));
        Assert.AreEqual(0, stream.Steps);

        scorer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => stream.Push(new float[net.InputSize]));
        Assert.Throws<ObjectDisposedException>(() => scorer.OpenStream());
    }

    [TestMethod]
    public void TheStatefulLayoutIsAFileOfItsOwnThatTheBatchedScorerRefuses()
    {
        var net = RandomNetworks.Create(RnnCellType.Lstm, 2, false, seed: 670);
        var bytes = RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Layout = OnnxInputLayout.Stateful });
        var (back, metadata) = RnnOnnxImporter.Read(bytes);
        Assert.AreEqual("stateful", metadata[RnnOnnxMetadata.Layout]);
        Assert.AreEqual(net.NumLayers, back.NumLayers);
        var error = Assert.Throws<InvalidDataException>(() => RnnOnnxScorer.FromBytes(bytes));
        StringAssert.Contains(error.Message, "stateful layout");
        StringAssert.Contains(error.Message, "OpenStream");
    }

    private static RecurrentNetworkDescription PerStep(RecurrentNetworkDescription net) =>
        new(net.Cell, net.InputSize, net.HiddenSize, net.Bidirectional, net.Layers, net.Head, net.ClassNames, net.Tokens, perStep: true);

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.HasCount(expected.Length, actual);
        for (int c = 0; c < expected.Length; c++)
            Assert.AreEqual(expected[c], actual[c], Tolerance, $"{what}, class {c}");
    }
}
