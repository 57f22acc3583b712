namespace Rnn.Onnx.Tests;

/// <summary>
/// A description is a snapshot: nothing the caller keeps (the arrays and lists passed in) or gets back (the
/// properties) can change what it exports, so an exported file always matches a scorer built from the same object.
/// </summary>
[TestClass]
public sealed class DescriptionImmutabilityTests
{
    private const int InputSize = 3;
    private const int Hidden = 2;

    [TestMethod]
    public void EditingTheArraysPassedInChangesNothing()
    {
        var parts = new Parts();
        var net = parts.Describe();
        var before = RnnOnnxExporter.ToBytes(net);

        foreach (var array in parts.Arrays)
            Array.Fill(array, 7f);

        CollectionAssert.AreEqual(before, RnnOnnxExporter.ToBytes(net));
    }

    [TestMethod]
    public void EditingTheListsPassedInChangesNothing()
    {
        var parts = new Parts();
        var net = parts.Describe();
        var before = RnnOnnxExporter.ToBytes(net);

        parts.ClassNames[0] = "edited";
        parts.Vocabulary[0] = "edited";
        parts.Directions.Reverse();
        parts.Layers[0] = [parts.Directions[1], parts.Directions[1]];

        CollectionAssert.AreEqual(before, RnnOnnxExporter.ToBytes(net));
        Assert.AreEqual("x", net.ClassNames[0]);
        Assert.AreEqual(1, net.Tokens!.IndexOf("a"), "the vocabulary keeps its order");
    }

    [TestMethod]
    public void CollectionsHandedOutRefuseEdits()
    {
        var net = new Parts().Describe();

        Assert.ThrowsExactly<NotSupportedException>(() => ((IList<string>)net.ClassNames)[0] = "edited");
        Assert.ThrowsExactly<NotSupportedException>(() => ((IList<string>)net.Tokens!.Vocabulary)[0] = "edited");
        Assert.ThrowsExactly<NotSupportedException>(() => ((IList<IReadOnlyList<RecurrentDirectionWeights>>)net.Layers).RemoveAt(0));
        Assert.ThrowsExactly<NotSupportedException>(() => ((IList<RecurrentDirectionWeights>)net.Layers[0]).RemoveAt(0));
    }

    [TestMethod]
    public void WeightsAreNotHandedOutAsArrays()
    {
        var net = new Parts().Describe();
        var w = net.Layers[0][0];
        object[] weights = [w.InputWeights, w.RecurrentWeights, w.InputBias, w.RecurrentBias, net.Head.Weights, net.Head.Bias, net.Tokens!.Weights!];
        foreach (var values in weights)
            Assert.IsNotInstanceOfType<float[]>(values);
    }

    [TestMethod]
    public void NullEntriesInTheListsAreRefused()
    {
        var parts = new Parts();
        parts.ClassNames[1] = null!;
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => parts.Describe()).Message, "Class name 1 is null");

        parts = new Parts();
        parts.Directions[1] = null!;
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => parts.Describe()).Message, "Layer 0 direction 1 is null");

        parts = new Parts();
        parts.Layers[0] = null!;
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => parts.Describe()).Message, "Layer 0 is null");
    }

    /// <summary>The arrays and lists of a small bidirectional LSTM over an embedding, kept to be edited after construction.</summary>
    private sealed class Parts
    {
        public readonly List<string> ClassNames = ["x", "y"];
        public readonly List<string> Vocabulary = ["a", "b", "c"];
        public readonly List<float[]> Arrays = [];
        public readonly List<RecurrentDirectionWeights> Directions;
        public readonly List<IReadOnlyList<RecurrentDirectionWeights>> Layers;
        private readonly DenseLayerWeights _head;
        private readonly float[] _table;

        public Parts()
        {
            int rows = 4 * Hidden;
            Directions = [Direction(rows), Direction(rows)];
            Layers = [Directions];
            _head = new DenseLayerWeights(2, 2 * Hidden, Values(2 * 2 * Hidden), Values(2));
            _table = Values((Vocabulary.Count + 1) * InputSize);
        }

        public RecurrentNetworkDescription Describe() => new(
            RnnCellType.Lstm, InputSize, Hidden, bidirectional: true, Layers, _head, ClassNames,
            TokenLookup.Embedding(Vocabulary, InputSize, _table));

        private RecurrentDirectionWeights Direction(int rows) =>
            new(Values(rows * InputSize), Values(rows * Hidden), Values(rows), Values(rows));

        private float[] Values(int count)
        {
            var values = new float[count];
            for (int i = 0; i < count; i++)
                values[i] = 0.01f * (Arrays.Count * 31 + i);
            Arrays.Add(values);
            return values;
        }
    }
}
