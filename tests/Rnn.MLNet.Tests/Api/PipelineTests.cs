using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class PipelineTests
{
    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];

        public string PredictedLabel { get; set; } = "";
    }

    [TestMethod]
    public void OutputSchemaIsKnownBeforeFit()
    {
        var mlContext = new MLContext(seed: 1);
        var data = SyntheticSequences.Load(mlContext, SyntheticSequences.Generate(10, 2, 3, seed: 1));
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(new RnnTrainer(mlContext, SyntheticSequences.FastOptions()));

        var shape = pipeline.GetOutputSchema(Shapes.Of(data.Schema));

        var score = shape.Single(c => c.Name == "Score");
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, score.Kind);
        Assert.AreEqual(NumberDataViewType.Single, score.ItemType);
        Assert.IsTrue(shape.Single(c => c.Name == "PredictedLabel").IsKey);
        Assert.IsTrue(shape.Any(c => c.Name == "Features"), "input columns pass through");
    }

    [TestMethod]
    public void FittedChainEvaluatesAndPredicts()
    {
        var mlContext = new MLContext(seed: 1);
        var trainRows = SyntheticSequences.Generate(384, 2, 6, seed: 11);
        var testRows = SyntheticSequences.Generate(100, 2, 6, seed: 12);
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.Rnn(SyntheticSequences.FastOptions()))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

        var model = pipeline.Fit(SyntheticSequences.Load(mlContext, trainRows));
        var scored = model.Transform(SyntheticSequences.Load(mlContext, testRows));
        var metrics = mlContext.MulticlassClassification.Evaluate(scored);
        Assert.IsTrue(metrics.MicroAccuracy > 0.6, $"accuracy {metrics.MicroAccuracy:F3}");
        Assert.AreEqual(3, metrics.ConfusionMatrix.NumberOfClasses);

        // Slot names carry the class names, so ML.NET can name the rows of its confusion table.
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        scored.Schema["Score"].GetSlotNames(ref slotNames);
        CollectionAssert.AreEquivalent(new[] { "class0", "class1", "class2" }, slotNames.DenseValues().Select(s => s.ToString()).ToArray());

        // The engine scores one row at a time; it must agree with the batched Transform.
        var engine = mlContext.Model.CreatePredictionEngine<SequenceRow, Prediction>(model);
        var batched = mlContext.Data.CreateEnumerable<Prediction>(scored, reuseRowObject: false).ToArray();
        for (int i = 0; i < testRows.Length; i++)
        {
            var single = engine.Predict(testRows[i]);
            Assert.AreEqual(batched[i].PredictedLabel, single.PredictedLabel, $"row {i}");
            for (int c = 0; c < single.Score.Length; c++)
                Assert.AreEqual(batched[i].Score[c], single.Score[c], 1e-5, $"row {i} class {c}");
            Assert.AreEqual(1.0, single.Score.Sum(), 1e-5);
        }
    }

    [TestMethod]
    public void KnownSizeFeatureVectorsWork()
    {
        var mlContext = new MLContext(seed: 1);
        var rows = SyntheticSequences.Generate(256, 4, 4, seed: 3);
        var data = SyntheticSequences.LoadFixed(mlContext, rows, 4 * SyntheticSequences.InputSize);
        var keyed = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);

        using var model = new RnnTrainer(mlContext, SyntheticSequences.FastOptions(RnnCellType.Gru)).Fit(keyed);

        Assert.IsTrue(TestPipelines.Accuracy(mlContext, model, keyed) > 0.6);
        var scoreType = (VectorDataViewType)model.GetOutputSchema(keyed.Schema)["Score"].Type;
        Assert.AreEqual(3, scoreType.Size);
    }

    [TestMethod]
    public void ProgressIsReportedPerBatchAndEpoch()
    {
        var mlContext = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(mlContext, trainRows: 96);
        var reports = new List<RnnTrainingProgress>();
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 3;
        options.Progress = new SynchronousProgress<RnnTrainingProgress>(reports.Add);
        var logged = new List<string>();
        mlContext.Log += (_, e) =>
        {
            if (e.Source.Contains(nameof(RnnTrainer)))
                logged.Add(e.Message);
        };

        using var _ = new RnnTrainer(mlContext, options).Fit(train);

        var epochEnds = reports.Where(r => r.IsEpochEnd).ToArray();
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, epochEnds.Select(r => r.Epoch).ToArray());
        Assert.IsTrue(epochEnds.All(r => r.RowsSeen == 96 && r.TotalRows == 96 && r.Loss > 0));
        Assert.AreEqual(3 * 3, reports.Count(r => !r.IsEpochEnd), "96 rows in batches of 32 is 3 batches per epoch");
        Assert.IsTrue(logged.Any(m => m.Contains("Epoch 3/3")), "epoch summaries go to ML.NET's log");
    }

    [TestMethod]
    public void SameSeedGivesTheSameModel()
    {
        var mlContext = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(mlContext, trainRows: 128);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 3;
        options.Dropout = 0.2f;
        options.NumLayers = 2;

        using var first = new RnnTrainer(mlContext, options).Fit(train);
        using var second = new RnnTrainer(mlContext, options).Fit(train);
        options.Seed = 8;
        using var other = new RnnTrainer(mlContext, options).Fit(train);

        CollectionAssert.AreEqual(first.Network.Head.Weights.ToArray(), second.Network.Head.Weights.ToArray());
        CollectionAssert.AreEqual(first.Network.Layers[1][0].RecurrentWeights.ToArray(), second.Network.Layers[1][0].RecurrentWeights.ToArray());
        CollectionAssert.AreNotEqual(first.Network.Head.Weights.ToArray(), other.Network.Head.Weights.ToArray());
    }
}
