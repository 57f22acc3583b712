using Microsoft.ML;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class ValidationTests
{
    private sealed class Reports : IProgress<RnnTrainingProgress>
    {
        public List<RnnTrainingProgress> EpochEnds { get; } = [];

        public void Report(RnnTrainingProgress value)
        {
            if (value.IsEpochEnd)
                EpochEnds.Add(value);
        }
    }

    [TestMethod]
    public void EarlyStoppingKeepsTheBestEpoch()
    {
        var ml = new MLContext(seed: 1);
        var train = SyntheticSequences.Load(ml, SyntheticSequences.Generate(96, 2, 6, seed: 11));
        var validation = SyntheticSequences.Load(ml, SyntheticSequences.Generate(200, 2, 6, seed: 12));
        var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(train);
        var reports = new Reports();
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 60;
        options.HiddenSize = 48;
        options.LearningRate = 0.03f;
        options.ValidationSet = keys.Transform(validation);
        options.EarlyStoppingMetric = EarlyStoppingMetric.Accuracy;
        options.EarlyStoppingPatience = 3;
        options.Progress = reports;

        using var model = new RnnTrainer(ml, options).Fit(keys.Transform(train));

        var epochs = reports.EpochEnds;
        Assert.IsTrue(epochs.Count < 60, $"trained all {epochs.Count} epochs; a small training set should stop early");
        Assert.IsTrue(epochs.All(e => e.ValidationLoss is > 0 && e.ValidationAccuracy is >= 0 and <= 1));
        var best = epochs.Where(e => e.IsBestEpoch).Last();
        Assert.AreEqual(3, epochs.Count - best.Epoch, "stops after patience epochs without improvement");
        double kept = ml.MulticlassClassification.Evaluate(model.Transform(keys.Transform(validation))).MicroAccuracy;
        Console.WriteLine($"stopped after {epochs.Count} epochs; best epoch {best.Epoch} with validation accuracy {best.ValidationAccuracy:F4}; fitted model {kept:F4}; last epoch {epochs[^1].ValidationAccuracy:F4}");
        Assert.AreEqual(best.ValidationAccuracy!.Value, kept, 1e-9, "the fitted model is the best epoch's");
    }

    [TestMethod]
    public void ValidationSetWithOtherClassesIsRejected()
    {
        var ml = new MLContext(seed: 1);
        var train = SyntheticSequences.Load(ml, SyntheticSequences.Generate(30, 2, 4, seed: 1));
        var twoClasses = SyntheticSequences.Load(ml, SyntheticSequences.Generate(30, 2, 4, seed: 2).Where(r => r.Label != "class2"));
        var options = SyntheticSequences.FastOptions();
        options.ValidationSet = ml.Transforms.Conversion.MapValueToKey("Label").Fit(twoClasses).Transform(twoClasses);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new RnnTrainer(ml, options).Fit(ml.Transforms.Conversion.MapValueToKey("Label").Fit(train).Transform(train)));

        StringAssert.Contains(error.Message, "has 2 classes; the training label has 3");
    }
}
