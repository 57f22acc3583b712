using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class LabelingTests
{
    public TestContext TestContext { get; set; } = null!;

    private sealed class TagPrediction
    {
        public float[] Score { get; set; } = [];

        [KeyType(3)]
        public uint[] PredictedLabel { get; set; } = [];
    }

    [TestMethod]
    [DataRow(0, DisplayName = "one-hot tokens")]
    [DataRow(6, DisplayName = "embedded tokens")]
    public void TaggerLearnsAndIsEvaluatedOnRealStepsOnly(int embeddingSize)
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(SyntheticTagging.Generate(400, seed: 1));
        var test = ml.Data.LoadFromEnumerable(SyntheticTagging.Generate(100, seed: 2));
        var keys = SyntheticTagging.Keys(ml, train);

        using var model = new RnnTrainer(ml, SyntheticTagging.TaggerOptions(embeddingSize)).Fit(keys.Transform(train));
        var scored = model.Transform(keys.Transform(test));
        var metrics = ml.Rnn().EvaluateSequenceLabeling(scored);

        Console.WriteLine($"embedding {embeddingSize}: token accuracy {metrics.TokenAccuracy:F3} over {metrics.Steps} steps, macro F1 {metrics.MacroF1:F3}");
        Assert.IsTrue(metrics.TokenAccuracy > 0.9, $"token accuracy {metrics.TokenAccuracy:F3}");
        long realSteps = SyntheticTagging.Generate(100, seed: 2).Sum(r => r.Tokens.Length);
        Assert.AreEqual(realSteps, metrics.Steps, "only real steps are counted");
        Assert.AreEqual(3, metrics.PerTag.Count);
        Assert.AreEqual(realSteps, metrics.PerTag.Sum(t => t.Support));
        Assert.IsTrue(metrics.PerTag.All(t => t.Precision > 0.8 && t.Recall > 0.8));

        var outputs = ml.Data.CreateEnumerable<TagPrediction>(scored, false).ToArray();
        var rows = SyntheticTagging.Generate(100, seed: 2);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.AreEqual(rows[i].Tokens.Length, outputs[i].PredictedLabel.Length, $"row {i}: one key per step");
            Assert.AreEqual(rows[i].Tokens.Length * 3, outputs[i].Score.Length, $"row {i}: one block of scores per step");
        }
    }

    [TestMethod]
    public void PerStepScoresCarryNoMulticlassAnnotations()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(SyntheticTagging.Generate(40, seed: 1));
        var keys = SyntheticTagging.Keys(ml, train);
        var options = SyntheticTagging.TaggerOptions(embeddingSize: 4);
        options.Epochs = 1;
        using var model = ml.Rnn().SequenceLabeling(options).Fit(keys.Transform(train));

        // ML.NET's evaluators read ScoreColumnKind as "a known-size vector of one row's class scores"; per-step scores are not.
        var score = model.GetOutputSchema(keys.Transform(train).Schema)["Score"];
        Assert.IsFalse(score.Annotations.Schema.Any(), $"annotations: {string.Join(", ", score.Annotations.Schema.Select(c => c.Name))}");
        var predicted = model.GetOutputSchema(keys.Transform(train).Schema)["PredictedLabel"];
        Assert.IsNotNull(predicted.Annotations.Schema.GetColumnOrNull("KeyValues"), "the predicted tags keep the label's key values");
    }

    [TestMethod]
    public void PredictionEngineAgreesWithTransformAndSavedModel()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(SyntheticTagging.Generate(200, seed: 1));
        var options = SyntheticTagging.TaggerOptions(embeddingSize: 4);
        options.Epochs = 3;
        options.Bidirectional = true;
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Features", "Tokens")
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "Tags"))
            .Append(new RnnTrainer(ml, options));
        var model = pipeline.Fit(train);

        var rows = SyntheticTagging.Generate(25, seed: 4);
        var data = ml.Data.LoadFromEnumerable(rows);
        var batched = ml.Data.CreateEnumerable<TagPrediction>(model.Transform(data), false).ToArray();
        var engine = ml.Model.CreatePredictionEngine<TaggedRow, TagPrediction>(model);
        string path = Path.Combine(Scratch.Folder(TestContext), "tagger.zip");
        ml.Model.Save(model, train.Schema, path);
        var reloaded = RnnModelFile.Load(new MLContext(), path, out _);
        var fromFile = ml.Data.CreateEnumerable<TagPrediction>(reloaded.Transform(data), false).ToArray();
        Assert.AreEqual(model.Transform(data).Schema["PredictedLabel"].Type, reloaded.Transform(data).Schema["PredictedLabel"].Type);

        for (int i = 0; i < rows.Length; i++)
        {
            var single = engine.Predict(rows[i]);
            CollectionAssert.AreEqual(batched[i].PredictedLabel, single.PredictedLabel, $"row {i}");
            CollectionAssert.AreEqual(batched[i].PredictedLabel, fromFile[i].PredictedLabel, $"row {i} after save/load");
            for (int j = 0; j < single.Score.Length; j++)
            {
                Assert.AreEqual(batched[i].Score[j], single.Score[j], 1e-5, $"row {i} score {j}");
                Assert.AreEqual(batched[i].Score[j], fromFile[i].Score[j], 1e-5, $"row {i} score {j} after save/load");
            }
        }
    }

    [TestMethod]
    public void TokenClassifierLearnsAndSurvivesSaveAndLoad()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(SyntheticTagging.Generate(400, seed: 1, minLength: 3));
        var test = ml.Data.LoadFromEnumerable(SyntheticTagging.Generate(100, seed: 2, minLength: 3));
        var options = new RnnTrainerOptions { EmbeddingSize = 5, CellType = RnnCellType.Gru, HiddenSize = 16, Epochs = 15, LearningRate = 0.03f, BatchSize = 32, Seed = 2 };
        var keys = SyntheticTagging.Keys(ml, train, labelColumn: "Topic");
        var model = keys.Append(new RnnTrainer(ml, options).Fit(keys.Transform(train)));

        var accuracy = ml.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy;
        Console.WriteLine($"token classifier accuracy {accuracy:F3}");
        Assert.IsTrue(accuracy > 0.6, $"accuracy {accuracy:F3} (5 classes)");

        string path = Path.Combine(Scratch.Folder(TestContext), "topics.zip");
        ml.Model.Save(model, train.Schema, path);
        var reloaded = RnnModelFile.Load(new MLContext(), path, out _);
        var expected = ml.Data.CreateEnumerable<TopicPrediction>(model.Transform(test), false).ToArray();
        var actual = ml.Data.CreateEnumerable<TopicPrediction>(reloaded.Transform(test), false).ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(expected[i].PredictedLabel, actual[i].PredictedLabel, $"row {i}");
            CollectionAssert.AreEqual(expected[i].Score.Select(s => MathF.Round(s, 5)).ToArray(), actual[i].Score.Select(s => MathF.Round(s, 5)).ToArray(), $"row {i}");
        }
    }

    private sealed class TopicPrediction
    {
        public float[] Score { get; set; } = [];

        public uint PredictedLabel { get; set; }
    }
}
