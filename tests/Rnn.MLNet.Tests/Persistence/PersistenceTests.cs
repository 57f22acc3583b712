using Microsoft.ML;
using Microsoft.ML.Data;
using Rnn.Onnx;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class PersistenceTests
{
    private sealed class NumericLabelRow
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    public TestContext TestContext { get; set; } = null!;

    private string TempFile(string name) => Path.Combine(Scratch.Folder(TestContext), $"{TestContext.TestName}-{name}");

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void SavedPipelineLoadsWithEqualOutputs(bool knownSizeFeatures)
    {
        var ml = new MLContext(seed: 1);
        var trainRows = SyntheticSequences.Generate(128, knownSizeFeatures ? 4 : 1, knownSizeFeatures ? 4 : 7, seed: 21);
        var testRows = SyntheticSequences.Generate(60, knownSizeFeatures ? 4 : 1, knownSizeFeatures ? 4 : 7, seed: 22);
        IDataView Load(SequenceRow[] rows) => knownSizeFeatures
            ? SyntheticSequences.LoadFixed(ml, rows, 4 * SyntheticSequences.InputSize)
            : SyntheticSequences.Load(ml, rows);
        var options = SyntheticSequences.FastOptions(RnnCellType.Gru);
        options.Epochs = 3;
        options.Bidirectional = true;
        var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(new RnnTrainer(ml, options)).Fit(Load(trainRows));
        var test = Load(testRows);

        string path = TempFile("model.zip");
        ml.Model.Save(model, Load(trainRows).Schema, path);
        var reloaded = RnnModelFile.Load(new MLContext(), path, out _);

        AssertSameOutputs(model.Transform(test), reloaded.Transform(test));
    }

    [TestMethod]
    public void NumericLabelValuesSurviveSaveAndLoad()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticSequences.Generate(96, 2, 5, seed: 3)
            .Select(r => new NumericLabelRow { Features = r.Features, Label = float.Parse(r.Label[^1..]) * 1.5f }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 2;
        var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(new RnnTrainer(ml, options)).Fit(data);

        string path = TempFile("model.zip");
        ml.Model.Save(model, data.Schema, path);
        var reloaded = RnnModelFile.Load(new MLContext(), path, out _);
        using var fast = RnnModelFile.LoadTransformer(new MLContext(), path);

        AssertSameOutputs(model.Transform(data), reloaded.Transform(data));
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        AssertSameOutputs(model.Transform(data), fast.Transform(keyed));
    }

    [TestMethod]
    public void FastTransformerComesBackFromASavedFile()
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = TestPipelines.KeyedSplit(ml, trainRows: 96);
        var options = SyntheticSequences.FastOptions(RnnCellType.Lstm);
        options.Epochs = 2;
        options.NumLayers = 2;
        using var model = new RnnTrainer(ml, options).Fit(train);
        string path = TempFile("model.zip");
        ml.Model.Save(model, train.Schema, path);

        using var fast = RnnModelFile.LoadTransformer(new MLContext(), path);

        CollectionAssert.AreEqual(model.Network.Head.Weights.ToArray(), fast.Network.Head.Weights.ToArray());
        CollectionAssert.AreEqual(model.Network.Layers[1][0].InputWeights.ToArray(), fast.Network.Layers[1][0].InputWeights.ToArray());
        AssertSameOutputs(model.Transform(test), fast.Transform(test));
    }

    [TestMethod]
    public void ExportedOnnxScoresLikeTheTransformer()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(ml, trainRows: 96);
        var options = SyntheticSequences.FastOptions(RnnCellType.Tanh);
        options.Epochs = 2;
        using var model = new RnnTrainer(ml, options).Fit(train);
        string path = TempFile("model.onnx");
        model.ExportOnnx(path);
        using var scorer = new RnnOnnxScorer(path);

        var rows = SyntheticSequences.Generate(30, 1, 8, seed: 9);
        var viaTransformer = ml.Data.CreateEnumerable<ScoredSequence>(model.Transform(SyntheticSequences.Load(ml, rows)), false).ToArray();
        var viaScorer = scorer.ScoreBatch(rows.Select(r => r.Features).ToArray());

        CollectionAssert.AreEqual(model.ClassNames.ToArray(), scorer.ClassNames.ToArray());
        for (int i = 0; i < rows.Length; i++)
        {
            CollectionAssert.AreEqual(viaTransformer[i].Score, viaScorer[i].Probabilities, $"row {i}");
            Assert.AreEqual((int)viaTransformer[i].PredictedLabel - 1, viaScorer[i].PredictedIndex);
        }

        using var stream = new MemoryStream();
        model.ExportOnnx(stream);
        CollectionAssert.AreEqual(File.ReadAllBytes(path), stream.ToArray());
    }

    private static void AssertSameOutputs(IDataView expected, IDataView actual)
    {
        foreach (var name in new[] { "Score", "PredictedLabel" })
        {
            var e = expected.Schema[name];
            var a = actual.Schema[name];
            Assert.AreEqual(e.Type, a.Type, $"type of {name}");
        }

        var keyValues = KeyValues(expected);
        CollectionAssert.AreEqual(keyValues, KeyValues(actual), "PredictedLabel key values");

        var e1 = Rows(expected);
        var a1 = Rows(actual);
        Assert.AreEqual(e1.Count, a1.Count);
        for (int i = 0; i < e1.Count; i++)
        {
            Assert.AreEqual(e1[i].Label, a1[i].Label, $"row {i} PredictedLabel");
            for (int c = 0; c < e1[i].Score.Length; c++)
                Assert.AreEqual(e1[i].Score[c], a1[i].Score[c], 1e-6, $"row {i} Score[{c}]");
        }
    }

    private static string[] KeyValues(IDataView data)
    {
        var column = data.Schema["PredictedLabel"];
        var type = ((VectorDataViewType)column.Annotations.Schema["KeyValues"].Type).ItemType.RawType;
        var method = typeof(PersistenceTests).GetMethod(nameof(KeyValuesOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return (string[])method.MakeGenericMethod(type).Invoke(null, [column])!;
    }

    private static string[] KeyValuesOf<T>(DataViewSchema.Column column)
    {
        VBuffer<T> values = default;
        column.GetKeyValues(ref values);
        return [.. values.DenseValues().Select(v => $"{typeof(T).Name}:{v}")];
    }

    private static List<(float[] Score, uint Label)> Rows(IDataView data)
    {
        var result = new List<(float[], uint)>();
        using var cursor = data.GetRowCursor([data.Schema["Score"], data.Schema["PredictedLabel"]]);
        var score = cursor.GetGetter<VBuffer<float>>(data.Schema["Score"]);
        var label = cursor.GetGetter<uint>(data.Schema["PredictedLabel"]);
        VBuffer<float> s = default;
        uint l = 0;
        while (cursor.MoveNext())
        {
            score(ref s);
            label(ref l);
            result.Add((s.DenseValues().ToArray(), l));
        }

        return result;
    }
}
