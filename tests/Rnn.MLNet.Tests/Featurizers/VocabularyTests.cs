using Microsoft.ML;
using Microsoft.ML.Data;
using static Rnn.MLNet.Tests.Featurizers.FeaturizerTestKit;

namespace Rnn.MLNet.Tests.Featurizers;

[TestClass]
public sealed class VocabularyTests
{
    private sealed class TokenRow
    {
        public string[] Tokens { get; set; } = [];
    }

    private sealed class FixedTokenRow
    {
        [VectorType(3)]
        public string[] Tokens { get; set; } = [];
    }

    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }

    private sealed class NumberRow
    {
        public float[] Tokens { get; set; } = [];
    }

    public TestContext TestContext { get; set; } = null!;

    private static readonly MLContext Ml = new(seed: 1);

    // Counts: b ×3, a ×2, c ×1, d ×1 → vocabulary b, a, c, d (ties in ordinal order).
    private static IDataView Tokens(params string[][] rows) =>
        Ml.Data.LoadFromEnumerable(rows.Select(r => new TokenRow { Tokens = r }));

    private static IDataView Training() => Tokens(["b", "a", "b"], ["c", "b", "a"], ["d"]);

    private static IDataView Texts(params string[] rows) =>
        Ml.Data.LoadFromEnumerable(rows.Select(r => new TextRow { Text = r }));

    private static VocabularyOneHotOptions OneHot(Action<VocabularyOneHotOptions>? change = null)
    {
        var options = new VocabularyOneHotOptions { InputColumnName = "Tokens" };
        change?.Invoke(options);
        return options;
    }

    private static (VocabularyTransformer Model, uint[][] Keys) FitAndRead(VocabularyOptions options, IDataView train, IDataView? test = null)
    {
        var model = options switch
        {
            VocabularyOneHotOptions o => new VocabularyOneHotEstimator(Ml, o).Fit(train),
            EmbeddingIndicesOptions o => new EmbeddingIndicesEstimator(Ml, o).Fit(train),
            _ => throw new ArgumentException("unknown options", nameof(options)),
        };
        return (model, Read<uint>(model.Transform(test ?? train), options.OutputColumnName));
    }

    private string TempFile(string name) =>
        Path.Combine(Scratch.Folder(TestContext), $"{TestContext.TestName}-{name}");

    [TestMethod]
    public void OutputIsAVariableSizeVectorOfKeysInFrequencyOrder()
    {
        var data = Training();
        using var model = Ml.Transforms.Text.VocabularyOneHot("Features", "Tokens").Fit(data);
        var output = model.Transform(data);

        var type = (VectorDataViewType)output.Schema["Features"].Type;
        Assert.IsFalse(type.IsKnownSize);
        Assert.AreEqual(4UL, ((KeyDataViewType)type.ItemType).Count);
        Assert.AreEqual(typeof(uint), type.ItemType.RawType);
        CollectionAssert.AreEqual(new[] { "b", "a", "c", "d" }, model.Vocabulary.ToArray());
        CollectionAssert.AreEqual(new[] { "b", "a", "c", "d" }, RnnVocabulary.FromSchema(output.Schema["Features"]).ToArray());
        SameRows<uint>([[1u, 2, 1], [3u, 1, 2], [4u]], Read<uint>(output, "Features"));
    }

    [TestMethod]
    public void UnknownTokensMapToKeyZero()
    {
        var (_, keys) = FitAndRead(OneHot(), Training(), Tokens(["a", "zzz", "d", "B"], []));
        SameRows<uint>([[2u, 0, 4, 0], []], keys);
    }

    [TestMethod]
    public void MinimumFrequencyAndMaximumSizeCutTheVocabulary()
    {
        var (frequent, keys) = FitAndRead(OneHot(o => o.MinimumFrequency = 2), Training());
        CollectionAssert.AreEqual(new[] { "b", "a" }, frequent.Vocabulary.ToArray());
        SameRows<uint>([[1u, 2, 1], [0u, 1, 2], [0u]], keys);

        var (top, _) = FitAndRead(OneHot(o => o.MaximumVocabularySize = 3), Training());
        CollectionAssert.AreEqual(new[] { "b", "a", "c" }, top.Vocabulary.ToArray());
    }

    [TestMethod]
    [DataRow(SequenceTruncation.KeepHead, "b a c d", new uint[] { 1, 2 }, new uint[] { 3, 1 }, 4u)]
    [DataRow(SequenceTruncation.KeepTail, "a b d", new uint[] { 1, 2 }, new uint[] { 2, 1 }, 3u)]
    public void MaximumLengthKeepsHeadOrTail(SequenceTruncation truncation, string vocabulary, uint[] first, uint[] second, uint d)
    {
        // Counted on the kept tokens: heads b a | c b | d, tails a b | b a | d.
        var test = Tokens(["b", "a", "b"], ["c", "b", "a"], ["d"], []);
        var (model, keys) = FitAndRead(OneHot(o => { o.MaximumLength = 2; o.Truncation = truncation; }), Training(), test);
        CollectionAssert.AreEqual(vocabulary.Split(' '), model.Vocabulary.ToArray());
        SameRows<uint>([first, second, [d], []], keys);
    }

    [TestMethod]
    public void HeadAndTailKeepBothEndsAndShortRowsWhole()
    {
        // Maximum 3: the first 2 tokens and the last 1; rows of 3 or fewer stay as they are (no token twice).
        string[] vocabulary = ["a", "b", "c", "d", "e"];
        var options = OneHot(o => { o.MaximumLength = 3; o.Truncation = SequenceTruncation.KeepHeadAndTail; o.MinimumFrequency = 1; });
        var (model, keys) = FitAndRead(options, Tokens(vocabulary), Tokens(["a", "b", "c", "d", "e"], ["a", "b", "c", "d"], ["a", "b", "c"], ["a", "b"], ["a"], []));
        CollectionAssert.AreEqual(new[] { "a", "b", "e" }, model.Vocabulary.ToArray(), "counted on the kept tokens of a b c d e");
        SameRows<uint>([[1u, 2, 3], [1u, 2, 0], [1u, 2, 0], [1u, 2], [1u], []], keys);
    }

    [TestMethod]
    public void TokensAreCountedAfterTruncation()
    {
        // Only the first token of each row is kept, so "a" is never seen by the network and gets no key.
        var (model, _) = FitAndRead(OneHot(o => o.MaximumLength = 1), Training());
        CollectionAssert.AreEqual(new[] { "b", "c", "d" }, model.Vocabulary.ToArray());
    }

    [TestMethod]
    public void WordsAreSplitAndCaseFolded()
    {
        var options = new EmbeddingIndicesOptions { InputColumnName = "Text", Tokenization = TextTokenization.Words, CaseSensitive = false };
        var (model, keys) = FitAndRead(options, Texts("The cat", "the  dog", ""));
        CollectionAssert.AreEqual(new[] { "the", "cat", "dog" }, model.Vocabulary.ToArray());
        SameRows<uint>([[1u, 2], [1u, 3], []], keys);

        options.Separators = [' ', ','];
        options.CaseSensitive = true;
        var (sensitive, _) = FitAndRead(options, Texts("The,cat", "the dog"));
        CollectionAssert.AreEqual(new[] { "The", "cat", "dog", "the" }, sensitive.Vocabulary.ToArray());
    }

    [TestMethod]
    public void CharactersBecomeTokensIncludingSpaces()
    {
        var options = OneHot(o => { o.InputColumnName = "Text"; o.Tokenization = TextTokenization.Characters; });
        var (model, keys) = FitAndRead(options, Texts("aab a", "b\n"), Texts("ab a", "z\n", ""));
        // a ×3, b ×2, then " " and "\n" once each (ordinal order).
        CollectionAssert.AreEqual(new[] { "a", "b", "\n", " " }, model.Vocabulary.ToArray());
        SameRows<uint>([[1u, 2, 4, 1], [0u, 3], []], keys);
    }

    [TestMethod]
    public void SurrogatePairsShareOneToken()
    {
        // ML.NET's character tokenizer works on UTF-16 code units and names every surrogate alike.
        var options = OneHot(o => { o.InputColumnName = "Text"; o.Tokenization = TextTokenization.Characters; });
        var (model, keys) = FitAndRead(options, Texts("\U0001F600a\U0001F600"), Texts("a\U0001F680"));
        Assert.HasCount(2, model.Vocabulary);
        Assert.AreEqual("a", model.Vocabulary[1]);
        Assert.IsFalse(char.IsSurrogate(model.Vocabulary[0][0]), "no lone surrogate in the vocabulary");
        SameRows<uint>([[2u, 1, 1]], keys);
    }

    [TestMethod]
    public void CharactersCanBeCaseFoldedAndTruncated()
    {
        var options = OneHot(o =>
        {
            o.InputColumnName = "Text";
            o.Tokenization = TextTokenization.Characters;
            o.CaseSensitive = false;
            o.MaximumLength = 3;
            o.Truncation = SequenceTruncation.KeepTail;
        });
        var (model, keys) = FitAndRead(options, Texts("xxABA", "Hi"));
        CollectionAssert.AreEqual(new[] { "a", "b", "h", "i" }, model.Vocabulary.ToArray());
        SameRows<uint>([[1u, 2, 1], [3u, 4]], keys);
    }

    [TestMethod]
    public void KnownSizeTokenVectorsCanBeTruncated()
    {
        var data = Ml.Data.LoadFromEnumerable(new[] { new FixedTokenRow { Tokens = ["a", "b", "c"] }, new FixedTokenRow { Tokens = ["c", "c", "a"] } });
        var options = OneHot(o => { o.MaximumLength = 2; o.Truncation = SequenceTruncation.KeepTail; });
        Assert.IsTrue(Column(new VocabularyOneHotEstimator(Ml, options).GetOutputSchema(Shape(data.Schema)), "Features").IsKey);
        var (model, keys) = FitAndRead(options, data);
        CollectionAssert.AreEqual(new[] { "c", "a", "b" }, model.Vocabulary.ToArray());
        SameRows<uint>([[3u, 1], [1u, 2]], keys);
    }

    [TestMethod]
    public void InPlaceReplacesTheTokenColumn()
    {
        var (model, keys) = FitAndRead(OneHot(o => { o.InputColumnName = null; o.OutputColumnName = "Tokens"; o.CaseSensitive = false; }), Training());
        Assert.AreEqual("Tokens", model.InputColumnName);
        SameRows<uint>([[1u, 2, 1], [3u, 1, 2], [4u]], keys);
        Assert.AreEqual(1, model.GetOutputSchema(Training().Schema).Count(c => !c.IsHidden));
    }

    [TestMethod]
    public void OutputSchemaIsKnownBeforeFitInsideAChain()
    {
        var data = Texts("hi there", "hello");
        var chain = Ml.Transforms.Text.EmbeddingIndices("Features", "Text", tokenization: TextTokenization.Words, maximumLength: 4)
            .Append(Ml.Transforms.Conversion.MapKeyToValue("Back", "Features"));
        var shape = chain.GetOutputSchema(Shape(data.Schema));
        var features = Column(shape, "Features");
        Assert.IsTrue(features.IsKey);
        Assert.AreEqual(SchemaShape.Column.VectorKind.VariableVector, features.Kind);
        Assert.AreEqual(SchemaShape.Column.VectorKind.VariableVector, Column(shape, "Back").Kind);
        Assert.IsFalse(shape.Any(c => c.Name.StartsWith("Features.Rnn", StringComparison.Ordinal)), "helper columns are dropped");

        var model = chain.Fit(data);
        CollectionAssert.AreEqual(new[] { "hi", "there" }, Read<ReadOnlyMemory<char>>(model.Transform(data), "Back")[0].Select(t => t.ToString()).ToArray());
        ((IDisposable)model.First()).Dispose();
    }

    [TestMethod]
    public void SavedModelLoadsAsBuiltInsWithEqualOutputs()
    {
        var train = Texts("Hello there", "hello you", "bye");
        var test = Texts("HELLO new words", "", "you bye bye");
        var options = new EmbeddingIndicesOptions
        {
            InputColumnName = "Text",
            OutputColumnName = "Indices",
            Tokenization = TextTokenization.Words,
            CaseSensitive = false,
            MaximumLength = 2,
            Truncation = SequenceTruncation.KeepTail,
        };
        using var model = Ml.Transforms.Text.EmbeddingIndices(options).Fit(train);
        var loaded = SaveAndLoad(Ml, model, train.Schema, TempFile("model.zip"));

        Assert.IsNotInstanceOfType<VocabularyTransformer>(loaded);
        var expected = model.Transform(test);
        var actual = loaded.Transform(test);
        Assert.AreEqual(expected.Schema["Indices"].Type, actual.Schema["Indices"].Type);
        CollectionAssert.AreEqual(model.Vocabulary.ToArray(), RnnVocabulary.FromSchema(actual.Schema["Indices"]).ToArray());
        SameRows(Read<uint>(expected, "Indices"), Read<uint>(actual, "Indices"));
        CollectionAssert.AreEqual(expected.Schema.Select(c => c.Name).ToArray(), actual.Schema.Select(c => c.Name).ToArray());
        (loaded as IDisposable)?.Dispose();
    }

    [TestMethod]
    public void SavedCharacterModelLoadsWithEqualOutputs()
    {
        var train = Texts("ab ba", "a\tb");
        var test = Texts("ba\tz", " ");
        using var model = Ml.Transforms.Text.VocabularyOneHot("Chars", "Text", TextTokenization.Characters).Fit(train);
        var loaded = SaveAndLoad(Ml, model, train.Schema, TempFile("model.zip"));
        CollectionAssert.AreEqual(new[] { "a", "b", "\t", " " }, RnnVocabulary.FromSchema(loaded.GetOutputSchema(train.Schema)["Chars"]).ToArray());
        SameRows(Read<uint>(model.Transform(test), "Chars"), Read<uint>(loaded.Transform(test), "Chars"));
        SameRows<uint>([[2u, 1, 3, 0], [4u]], Read<uint>(loaded.Transform(test), "Chars"));
        (loaded as IDisposable)?.Dispose();
    }

    private sealed class TextPrediction
    {
        [KeyType(3)]
        public uint[] Features { get; set; } = [];
    }

    [TestMethod]
    public void PredictionEngineMapsOneRow()
    {
        var train = Texts("a b c", "a b", "a");
        using var model = Ml.Transforms.Text.EmbeddingIndices("Features", "Text", tokenization: TextTokenization.Words, maximumLength: 2, truncation: SequenceTruncation.KeepTail).Fit(train);
        var engine = Ml.Model.CreatePredictionEngine<TextRow, TextPrediction>(model, train.Schema);
        // Tail kept: "c" (key 3) and "a" (key 1); the unknown "q" was cut off.
        CollectionAssert.AreEqual(new uint[] { 3, 1 }, engine.Predict(new TextRow { Text = "q c a" }).Features);
        CollectionAssert.AreEqual(new uint[] { 0, 1 }, engine.Predict(new TextRow { Text = "a q a" }).Features);
    }

    [TestMethod]
    public void WrongTypeAndMissingColumnAreRejected()
    {
        var numbers = Ml.Data.LoadFromEnumerable(new[] { new NumberRow { Tokens = [1, 2] } });
        var typeError = Assert.Throws<ArgumentOutOfRangeException>(() => new VocabularyOneHotEstimator(Ml, OneHot()).Fit(numbers));
        StringAssert.Contains(typeError.Message, "'Tokens' has type Vector<Single>");
        StringAssert.Contains(typeError.Message, "expected a vector of text tokens");
        Assert.Throws<ArgumentOutOfRangeException>(() => new VocabularyOneHotEstimator(Ml, OneHot()).GetOutputSchema(Shape(numbers.Schema)));

        var text = Texts("a b");
        var scalar = Assert.Throws<ArgumentOutOfRangeException>(() => new VocabularyOneHotEstimator(Ml, OneHot(o => o.InputColumnName = "Text")).Fit(text));
        StringAssert.Contains(scalar.Message, "Tokenization = Words or Characters");

        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => new VocabularyOneHotEstimator(Ml, OneHot()).Fit(text));
        StringAssert.Contains(missing.Message, "'Tokens' was not found");

        using var model = new VocabularyOneHotEstimator(Ml, OneHot()).Fit(Training());
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(numbers));
    }

    [TestMethod]
    public void EmptyVocabularyIsRejected()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new VocabularyOneHotEstimator(Ml, OneHot(o => o.MinimumFrequency = 4)).Fit(Training()));
        StringAssert.Contains(error.Message, "'Tokens'");
        StringAssert.Contains(error.Message, "MinimumFrequency = 4");
        StringAssert.Contains(error.Message, "\"b\" × 3");

        var none = Assert.Throws<InvalidOperationException>(() => new VocabularyOneHotEstimator(Ml, OneHot()).Fit(Tokens([], [])));
        StringAssert.Contains(none.Message, "no tokens");
    }

    [TestMethod]
    [DataRow(0, 1, null)]
    [DataRow(-5, 1, null)]
    [DataRow(10, 0, null)]
    [DataRow(10, 1, 0)]
    [DataRow(10, 1, -2)]
    public void NonPositiveSizesAreRejected(int maximumVocabularySize, int minimumFrequency, int? maximumLength)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingIndicesEstimator(Ml, new EmbeddingIndicesOptions
        {
            InputColumnName = "Tokens",
            MaximumVocabularySize = maximumVocabularySize,
            MinimumFrequency = minimumFrequency,
            MaximumLength = maximumLength,
        }));
        StringAssert.Contains(error.Message, "EmbeddingIndicesOptions.");
        StringAssert.Contains(error.Message, "expected a whole number ≥ 1");
    }

    [TestMethod]
    public void WordsNeedSeparators() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new VocabularyOneHotEstimator(Ml, OneHot(o => { o.Tokenization = TextTokenization.Words; o.Separators = []; })));

    [TestMethod]
    public void DefaultsDifferOnlyInVocabularySize()
    {
        Assert.AreEqual(1_000, new VocabularyOneHotOptions().MaximumVocabularySize);
        Assert.AreEqual(20_000, new EmbeddingIndicesOptions().MaximumVocabularySize);
        Assert.AreEqual("Features", new EmbeddingIndicesOptions().OutputColumnName);
        Assert.AreEqual(1, new VocabularyOneHotOptions().MinimumFrequency);
    }

    [TestMethod]
    public void OptionsAreCopiedAtConstruction()
    {
        var options = OneHot();
        var estimator = new VocabularyOneHotEstimator(Ml, options);
        options.MinimumFrequency = 100;
        using var model = estimator.Fit(Training());
        Assert.HasCount(4, model.Vocabulary);
    }
}
