using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using Rnn.Onnx;
using TorchSharp;

namespace Rnn.MLNet.Tests;

/// <summary>
/// Every bad input a user can hand the public API, each expected to fail with a managed exception whose message
/// names the column or option, the offending value and what was expected: never a crash, a hang or a result.
/// </summary>
[TestClass]
public sealed partial class BadInputCatalogTests
{
    private static readonly MLContext Ml = new(seed: 1);
    private static readonly Lazy<Fixtures> Shared = new(() => new Fixtures());

    /// <summary>One bad input: what to run, the exception type it must throw, and fragments its message must contain.</summary>
    private sealed record BadInput(Func<object?> Act, Type Exception, params string[] Fragments);

    /// <summary>Every case: the ones here plus the regression and forecasting cases (in their own files).</summary>
    private static Dictionary<string, Func<BadInput>> Catalog =>
        CoreCases.Concat(RegressionCases).Concat(ForecastingCases).ToDictionary(pair => pair.Key, pair => pair.Value);

    private static readonly Dictionary<string, Func<BadInput>> CoreCases = new()
    {
        // Columns.
        ["missing feature column"] = () => Fit(Options(o => o.FeatureColumnName = "Steps"), Keyed(), typeof(ArgumentOutOfRangeException),
            "feature column 'Steps' was not found", "'Features'"),
        ["missing label column before Fit"] = () => new(() => new RnnTrainer(Ml, Options(o => o.LabelColumnName = "Class")).GetOutputSchema(Shapes.Of(Keyed().Schema)),
            typeof(ArgumentOutOfRangeException), "label column 'Class' was not found"),
        ["feature column of text"] = () => Fit(Options(), Ml.Data.LoadFromEnumerable(new[] { new TextFeatureRow { Features = "1 2 3", Label = 1 } }),
            typeof(ArgumentOutOfRangeException), "Feature column 'Features' has type String", "vector of Single"),
        ["numeric label"] = () => Fit(Options(), Ml.Data.LoadFromEnumerable(new[] { new NumericLabelRow { Features = [1, 2, 3], Label = 1 } }),
            typeof(ArgumentOutOfRangeException), "Label column 'Label' has type Single", "MapValueToKey(\"Label\")"),
        ["key vector label for classification"] = () => Fit(Options(o => o.InputSize = 0), Tagged(labelColumn: "Tags"), typeof(ArgumentOutOfRangeException),
            "Label column 'Label' is a vector of keys", "SequenceTask.Labeling"),
        ["scalar label for labeling"] = () => Fit(Options(o => { o.Task = SequenceTask.Labeling; o.InputSize = 0; }), Tagged(labelColumn: "Topic"),
            typeof(ArgumentOutOfRangeException), "Label column 'Label'", "one label per step"),

        // Rows.
        ["key label 0 (missing)"] = () => FitRows(rows => rows[3].Label = 7, "Label column 'Label', row 3", "missing (0)", "1..3"),
        ["NaN feature"] = () => FitRows(rows => rows[1].Features[4] = float.NaN, "Feature column 'Features', row 1", "value 4 (step 1, feature 1) is NaN", "finite"),
        ["infinite feature"] = () => FitRows(rows => rows[2].Features[0] = float.PositiveInfinity, "Feature column 'Features', row 2", "is Infinity", "finite"),
        ["empty sequence"] = () => FitRows(rows => rows[4].Features = [], "Feature column 'Features', row 4", "empty", "InputSize = 3"),
        ["row length not a multiple of InputSize"] = () => FitRows(rows => rows[2].Features = [1, 2, 3, 4],
            "Feature column 'Features', row 2", "4 values", "multiple of InputSize = 3"),
        ["sequence longer than MaximumSequenceLength"] = () => FitRows(rows => rows[5].Features = new float[27],
            "Feature column 'Features', row 5", "9 steps", "MaximumSequenceLength = 4", options: o => o.MaximumSequenceLength = 4),
        ["label vector length differs from the sequence"] = () => new(() => new RnnTrainer(Ml, TaggerOptions()).Fit(Tagged(change: rows => rows[4].Tags = rows[4].Tags[..^1])),
            typeof(InvalidOperationException), "Label column 'Label', row 4", "labels for a sequence of", "one label per step"),
        ["bad row at scoring time"] = () => new(() => Shared.Value.Model.Transform(KeyedRows(rows => rows[5].Features = [1, 2])).Preview(),
            typeof(InvalidOperationException), "Feature column 'Features', row 5", "2 values", "multiple of InputSize = 3"),

        // Tokens.
        ["tokens from another vocabulary at scoring"] = () => new(() => Shared.Value.Tagger.Transform(ForeignTokens()),
            typeof(ArgumentOutOfRangeException), "Feature column 'Features'", "keys over 2 values", "vocabulary of 5"),
        ["unseen token index in RnnOnnxScorer"] = () => new(() => { Shared.Value.TaggerScorer.ScoreTokenBatch([1, 2, 9], 1, 3, [3], new float[9]); return null; },
            typeof(ArgumentException), "Token index 9", "step 2", "outside 0..5"),
        ["text tokens not mapped to keys"] = () => Fit(Options(o => o.InputSize = 0), Ml.Data.LoadFromEnumerable(SyntheticTagging.Generate(5, seed: 1))
            is var raw ? Ml.Transforms.CopyColumns("Features", "Tokens").Append(Ml.Transforms.Conversion.MapValueToKey("Label", "Topic")).Fit(raw).Transform(raw) : null!,
            typeof(ArgumentOutOfRangeException), "Feature column 'Features' has type Vector<String>", "vector of token keys"),
        ["unseen tag when evaluating labeling"] = () => new(() => Ml.Rnn().EvaluateSequenceLabeling(Shared.Value.Tagger.Transform(UnseenTag())),
            typeof(InvalidOperationException), "Label column 'Label', row 0, step 1", "key 0 is not a known tag (1..3)"),
        ["vocabulary of size 0"] = () => new(() => Ml.Transforms.Text.VocabularyOneHot("Features", "Tokens", minimumFrequency: 1000)
            .Fit(Ml.Data.LoadFromEnumerable(SyntheticTagging.Generate(5, seed: 1))), typeof(InvalidOperationException), "'Tokens'", "MinimumFrequency = 1000"),
        ["EmbeddingSize with float steps"] = () => Fit(Options(o => o.EmbeddingSize = 8), Keyed(), typeof(ArgumentOutOfRangeException),
            "RnnTrainerOptions.EmbeddingSize is 8", "float steps"),
        ["InputSize that cannot be inferred"] = () => Fit(Options(o => o.InputSize = 0), Keyed(), typeof(ArgumentOutOfRangeException),
            "RnnTrainerOptions.InputSize is 0", "'Features'"),

        // Options.
        ["HiddenSize 0"] = () => Option(o => o.HiddenSize = 0, "RnnTrainerOptions.HiddenSize is 0", "≥ 1"),
        ["BatchSize -1"] = () => Option(o => o.BatchSize = -1, "RnnTrainerOptions.BatchSize is -1", "≥ 1"),
        ["Epochs 0"] = () => Option(o => o.Epochs = 0, "RnnTrainerOptions.Epochs is 0", "≥ 1"),
        ["NumLayers 0"] = () => Option(o => o.NumLayers = 0, "RnnTrainerOptions.NumLayers is 0", "≥ 1"),
        ["LearningRate 0"] = () => Option(o => o.LearningRate = 0, "RnnTrainerOptions.LearningRate is 0", "finite number > 0"),
        ["LearningRate NaN"] = () => Option(o => o.LearningRate = float.NaN, "RnnTrainerOptions.LearningRate is NaN", "finite number > 0"),
        ["Dropout 1"] = () => Option(o => o.Dropout = 1, "RnnTrainerOptions.Dropout is 1", "[0, 1)"),
        ["Pooling Max for labeling"] = () => Option(o => { o.Task = SequenceTask.Labeling; o.Pooling = RnnPooling.Max; },
            "RnnTrainerOptions.Pooling is Max", "Last for Task = Labeling"),
        ["Dropout -0.1"] = () => Option(o => o.Dropout = -0.1f, "RnnTrainerOptions.Dropout is -0.1", "[0, 1)"),
        ["Device tpu"] = () => Option(o => o.Device = "tpu", "RnnTrainerOptions.Device is \"tpu\"", "\"cpu\""),
        ["EarlyStoppingPatience without a ValidationSet"] = () => Option(o => o.EarlyStoppingPatience = 2,
            "RnnTrainerOptions.EarlyStoppingPatience is 2", "ValidationSet"),
        ["Device cuda without a GPU"] = () => torch.cuda.is_available()
            ? throw new AssertInconclusiveException("A CUDA device is present here, so the no-GPU message cannot be observed.")
            : Fit(Options(o => o.Device = "cuda"), Keyed(), typeof(InvalidOperationException), "Device is \"cuda\"", "no usable CUDA device"),

        // Model files.
        ["ONNX file that is empty"] = () => OnnxFile([], "empty"),
        ["ONNX file that is truncated"] = () => OnnxFile(Shared.Value.Onnx[..(Shared.Value.Onnx.Length / 2)]),
        ["ONNX file of random bytes"] = () => OnnxFile(RandomBytes(2048)),
        ["valid ONNX model of another shape"] = () => OnnxFile(RnnOnnxExporter.ToBytes(Shared.Value.Model.Network, new OnnxExportOptions { Layout = OnnxInputLayout.SingleRow }),
            "single_row layout", "OnnxInputLayout.Batched"),
        ["input of the wrong width to RnnOnnxScorer"] = () => new(() => Shared.Value.Scorer.Score([1, 2, 3, 4]), typeof(ArgumentException),
            "4 values", "multiple of the input size 3"),
        ["corrupted ML.NET model zip"] = () => ModelZip(bytes => { for (int i = 200; i < 260; i++) bytes[i] ^= 0x5A; return bytes; }),
        ["ML.NET model zip with an entry escaping the archive"] = () => ModelZip(bytes => WithEntry(bytes, "../escape.txt"), "points outside the archive"),
    };

    public static IEnumerable<object[]> Names() => Catalog.Keys.Select(name => new object[] { name });

    [TestMethod]
    [Timeout(60_000)]
    [DynamicData(nameof(Names))]
    public void FailsWithAClearManagedException(string name)
    {
        var bad = Catalog[name]();
        Exception? thrown = null;
        object? result = null;
        try
        {
            result = bad.Act();
        }
        catch (Exception e)
        {
            thrown = e;
        }

        Assert.IsNotNull(thrown, $"{name}: returned {result ?? "nothing"} instead of failing");
        Assert.IsInstanceOfType(thrown, bad.Exception, $"{name}: {thrown.GetType().Name}: {thrown.Message}");
        foreach (var fragment in bad.Fragments)
            StringAssert.Contains(thrown.Message, fragment, $"{name}: message was \"{thrown.Message}\"");
        Console.WriteLine($"{name}: {thrown.GetType().Name}: {thrown.Message}");
    }

    [TestMethod]
    public void CatalogCoversAtLeastTwentyFiveCases() => Assert.IsTrue(Catalog.Count >= 25, $"{Catalog.Count} cases");

    private static RnnTrainerOptions Options(Action<RnnTrainerOptions>? change = null)
    {
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        change?.Invoke(options);
        return options;
    }

    private static RnnTrainerOptions TaggerOptions()
    {
        var options = SyntheticTagging.TaggerOptions(embeddingSize: 0);
        options.Epochs = 1;
        return options;
    }

    private static BadInput Fit(RnnTrainerOptions options, IDataView data, Type exception, params string[] fragments) =>
        new(() => new RnnTrainer(Ml, options).Fit(data), exception, fragments);

    private static BadInput Option(Action<RnnTrainerOptions> change, params string[] fragments) =>
        new(() => new RnnTrainer(Ml, Options(change)), typeof(ArgumentOutOfRangeException), fragments);

    private static BadInput FitRows(Action<KeyedRow[]> change, string column, string value, string expected, Action<RnnTrainerOptions>? options = null) =>
        Fit(Options(options), KeyedRows(change), typeof(InvalidOperationException), column, value, expected);

    private static BadInput OnnxFile(byte[] bytes, params string[] fragments)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rnn-bad-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes);
        return new(() => new RnnOnnxScorer(path), typeof(InvalidDataException), [path, .. fragments]);
    }

    private static BadInput ModelZip(Func<byte[], byte[]> damage, params string[] fragments)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rnn-bad-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(path, damage(File.ReadAllBytes(Shared.Value.ZipPath)));
        return new(() => RnnModelFile.Load(new MLContext(), path, out _), typeof(InvalidDataException), [path, .. fragments]);
    }

    private static byte[] WithEntry(byte[] zipBytes, string entryName)
    {
        using var stream = new MemoryStream();
        stream.Write(zipBytes);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(entryName).Open());
            writer.Write("not part of a model");
        }

        return stream.ToArray();
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(3).NextBytes(bytes);
        return bytes;
    }

    // Enumerable loading treats [KeyType] values as 0-based and turns values past the count into missing keys.
    private static KeyedRow[] ValidRows() =>
        [.. Enumerable.Range(0, 6).Select(i => new KeyedRow { Features = [i, 0, 1, 1, 0, i], Label = (uint)(i % 3) })];

    private static IDataView KeyedRows(Action<KeyedRow[]> change)
    {
        var rows = ValidRows();
        change(rows);
        return Ml.Data.LoadFromEnumerable(rows);
    }

    private static IDataView Keyed() => Ml.Data.LoadFromEnumerable(ValidRows());

    private static IDataView Tagged(string labelColumn = "Tags", Action<TaggedRow[]>? change = null)
    {
        var rows = SyntheticTagging.Generate(10, seed: 1, minLength: 2);
        change?.Invoke(rows);
        var data = Ml.Data.LoadFromEnumerable(rows);
        return SyntheticTagging.Keys(Ml, data, labelColumn).Transform(data);
    }

    private static IDataView ForeignTokens()
    {
        var other = Ml.Data.LoadFromEnumerable(new[] { new TaggedRow { Tokens = ["x", "y"], Tags = ["t0", "t1"] } });
        return SyntheticTagging.Keys(Ml, other).Transform(other);
    }

    private static IDataView UnseenTag()
    {
        var train = Ml.Data.LoadFromEnumerable(SyntheticTagging.Generate(10, seed: 1, minLength: 2));
        var rows = SyntheticTagging.Generate(1, seed: 1, minLength: 3);
        rows[0].Tags[1] = "never-seen";
        return SyntheticTagging.Keys(Ml, train).Transform(Ml.Data.LoadFromEnumerable(rows));
    }

    /// <summary>Trained once for the scoring and model-file cases.</summary>
    private sealed class Fixtures
    {
        public Fixtures()
        {
            Model = new RnnTrainer(Ml, Options()).Fit(Keyed());
            Onnx = RnnOnnxExporter.ToBytes(Model.Network);
            Scorer = RnnOnnxScorer.FromBytes(Onnx);
            ZipPath = Path.Combine(Path.GetTempPath(), $"rnn-bad-{Guid.NewGuid():N}-valid.zip");
            Ml.Model.Save(Model, Keyed().Schema, ZipPath);
            Tagger = new RnnTrainer(Ml, TaggerOptions()).Fit(Tagged());
            TaggerScorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(Tagger.Network));
        }

        public RnnTransformer Model { get; }

        public byte[] Onnx { get; }

        public RnnOnnxScorer Scorer { get; }

        public string ZipPath { get; }

        public RnnTransformer Tagger { get; }

        public RnnOnnxScorer TaggerScorer { get; }
    }

    private sealed class KeyedRow
    {
        public float[] Features { get; set; } = [];

        [KeyType(3)]
        public uint Label { get; set; }
    }

    private sealed class TextFeatureRow
    {
        public string Features { get; set; } = "";

        [KeyType(3)]
        public uint Label { get; set; }
    }

    private sealed class NumericLabelRow
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }
}
