using Microsoft.ML;

namespace Rnn.MLNet.Tests;

/// <summary>MaximumSequenceLength holds when the fitted transformer scores, as it does in training.</summary>
[TestClass]
public sealed class ScoringLengthLimitTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void LongerRowsAreRefusedByTransformAndPredictionEngineAlike()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(ml, trainRows: 64, maxSteps: 4);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        options.MaximumSequenceLength = 4;
        using var model = ml.MulticlassClassification.Trainers.Rnn(options).Fit(train);
        Assert.AreEqual(4, model.MaximumSequenceLength);

        var atLimit = SyntheticSequences.Load(ml, SyntheticSequences.Generate(3, 4, 4, seed: 5));
        Assert.AreEqual(3, ml.Data.CreateEnumerable<ScoredSequence>(model.Transform(atLimit), false).Count());

        var longer = SyntheticSequences.Load(ml, [.. SyntheticSequences.Generate(2, 2, 2, seed: 5), .. SyntheticSequences.Generate(1, 5, 5, seed: 6)]);
        var error = Assert.Throws<InvalidOperationException>(() => ml.Data.CreateEnumerable<ScoredSequence>(model.Transform(longer), false).ToList());
        StringAssert.Contains(error.Message, "Feature column 'Features', row 2");
        StringAssert.Contains(error.Message, "5 steps, more than MaximumSequenceLength = 4");

        var engine = ml.Model.CreatePredictionEngine<SequenceRow, ScoredSequence>(model);
        var row = SyntheticSequences.Generate(1, 5, 5, seed: 6)[0];
        error = Assert.Throws<InvalidOperationException>(() => engine.Predict(row));
        StringAssert.Contains(error.Message, "more than MaximumSequenceLength = 4");
    }

    [TestMethod]
    public void TheLimitComesBackWithTheFastTransformer()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(ml, trainRows: 64, maxSteps: 4);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        options.MaximumSequenceLength = 6;
        using var model = ml.MulticlassClassification.Trainers.Rnn(options).Fit(train);
        string path = Path.Combine(Scratch.Folder(TestContext), "model.zip");
        ml.Model.Save(model, train.Schema, path);

        using var loaded = RnnModelFile.LoadTransformer(new MLContext(), path);

        Assert.AreEqual(6, loaded.MaximumSequenceLength);
        var longer = SyntheticSequences.Load(ml, SyntheticSequences.Generate(1, 7, 7, seed: 6));
        Assert.Throws<InvalidOperationException>(() => ml.Data.CreateEnumerable<ScoredSequence>(loaded.Transform(longer), false).ToList());
    }
}
