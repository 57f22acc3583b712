using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet.Tests;

/// <summary>Token models keep their key-typed input through every form, and token indices stay exact integers.</summary>
[TestClass]
public sealed class TokenModelTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void TokenModelLoadedFromAFileScoresKeysAndSavesAgain()
    {
        var ml = new MLContext(seed: 1);
        var raw = ml.Data.LoadFromEnumerable(SyntheticTagging.Generate(120, seed: 1));
        var keys = SyntheticTagging.Keys(ml, raw, labelColumn: "Topic");
        var data = keys.Transform(raw);
        var options = SyntheticTagging.TaggerOptions(embeddingSize: 4);
        options.Task = SequenceTask.Classification;
        options.Epochs = 2;
        using var model = ml.MulticlassClassification.Trainers.Rnn(options).Fit(data);
        string folder = Scratch.Folder(TestContext);
        string first = Path.Combine(folder, "first.zip"), second = Path.Combine(folder, "second.zip");
        ml.Model.Save(model, data.Schema, first);

        using var loaded = RnnModelFile.LoadTransformer(new MLContext(), first);
        Assert.IsInstanceOfType<KeyDataViewType>(loaded.FeatureType.ItemType, "a token model reads keys");
        ml.Model.Save(loaded, data.Schema, second);
        using var reloaded = RnnModelFile.LoadTransformer(new MLContext(), second);

        var expected = TestPipelines.Scores(model.Transform(data));
        CollectionAssert.AreEqual(expected, TestPipelines.Scores(loaded.Transform(data)));
        CollectionAssert.AreEqual(expected, TestPipelines.Scores(reloaded.Transform(data)));
        CollectionAssert.AreEqual(expected, TestPipelines.Scores(RnnModelFile.Load(new MLContext(), second, out _).Transform(data)));
    }

    [TestMethod]
    public void TokenIndicesAbove2To24StayExact()
    {
        // 2^24 + 1 is the first integer a float cannot hold: carried as a float it would arrive as 2^24.
        const uint large = (1u << 24) + 1;
        const int vocabulary = 20_000_000;
        var ml = new MLContext();
        var definition = SchemaDefinition.Create(typeof(KeyRow));
        definition[nameof(KeyRow.Features)].ColumnType = new VectorDataViewType(new KeyDataViewType(typeof(uint), vocabulary));
        var data = ml.Data.LoadFromEnumerable([new KeyRow { Features = [large, 3, vocabulary] }], definition);
        var column = data.Schema[nameof(KeyRow.Features)];
        var input = new SequenceInput(column, IsTokens: true, ValuesPerStep: 1, NetworkInputSize: 8, new SizedVocabulary(vocabulary), EmbeddingSize: 8);

        var chunk = new SequenceChunk();
        using (var cursor = data.GetRowCursor([column]))
        {
            var reader = new SequenceRowReader(cursor, input);
            Assert.IsTrue(cursor.MoveNext());
            reader.AppendTo(chunk, cursor.Position);
        }

        var batch = new PaddedBatch(1, tokens: true);
        batch.Fill(chunk, [0]);
        CollectionAssert.AreEqual(new long[] { large, 3, vocabulary }, batch.TokenIndices().ToArray());
    }

    private sealed class KeyRow
    {
        public uint[] Features { get; set; } = [];
    }

    /// <summary>A vocabulary of a given size whose tokens are never read.</summary>
    private sealed class SizedVocabulary(int count) : IReadOnlyList<string>
    {
        public int Count => count;

        public string this[int index] => $"t{index}";

        public IEnumerator<string> GetEnumerator() => Enumerable.Range(0, count).Select(i => this[i]).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
