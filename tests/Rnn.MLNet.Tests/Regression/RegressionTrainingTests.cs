using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet.Tests;

/// <summary>
/// Sequence regression end to end: Single and vector labels, Score types ML.NET's regression tools accept, predictions in
/// the label's units, variable-length rows, progress metrics and early stopping.
/// </summary>
[TestClass]
public sealed class RegressionTrainingTests
{
    [TestMethod]
    public void SingleLabelGivesSingleScoreThatRegressionEvaluateReads()
    {
        var ml = new MLContext(seed: 1);
        var train = SyntheticRegression.Scalar(ml, 256, seed: 1);
        var test = SyntheticRegression.Scalar(ml, 200, seed: 2);
        using var model = ml.Regression.Trainers.Rnn(SyntheticRegression.FastOptions()).Fit(train);

        var scored = model.Transform(test);
        Assert.AreEqual(NumberDataViewType.Single, scored.Schema["Score"].Type, "a Single label gives a Single Score");
        Assert.IsNull(scored.Schema.GetColumnOrNull("PredictedLabel"), "a regressor has no PredictedLabel");
        Assert.IsTrue(model.IsRegression);
        CollectionAssert.AreEqual(new[] { "Label" }, model.TargetNames.ToArray());

        var metrics = ml.Regression.Evaluate(scored);
        Console.WriteLine($"R² {metrics.RSquared:F3}, RMSE {metrics.RootMeanSquaredError:F1}, MAE {metrics.MeanAbsoluteError:F1}");
        // Predicting the mean scores R² = 0; targets are around 1000 with a spread of ~250, so a model that left them
        // standardised (or never learned) would be hopelessly off.
        Assert.IsTrue(metrics.RSquared > 0.9, $"R² {metrics.RSquared:F3}");
    }

    [TestMethod]
    public void VectorLabelGivesAVectorScoreOfItsSize()
    {
        var ml = new MLContext(seed: 1);
        var train = SyntheticRegression.Vector(ml, 256, seed: 3);
        var test = SyntheticRegression.Vector(ml, 200, seed: 4);
        var options = SyntheticRegression.FastOptions(RnnCellType.Gru);
        using var model = new RnnTrainer(ml, options).Fit(train);

        var scored = model.Transform(test);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, SyntheticRegression.Targets), scored.Schema["Score"].Type);
        CollectionAssert.AreEqual(new[] { "Label[0]", "Label[1]", "Label[2]" }, model.TargetNames.ToArray());
        VBuffer<ReadOnlyMemory<char>> slots = default;
        scored.Schema["Score"].GetSlotNames(ref slots);
        CollectionAssert.AreEqual(new[] { "Label[0]", "Label[1]", "Label[2]" }, slots.DenseValues().Select(s => s.ToString()).ToArray());

        var predictions = scored.GetColumn<float[]>("Score").ToArray();
        var labels = test.GetColumn<float[]>("Label").ToArray();
        for (int target = 0; target < SyntheticRegression.Targets; target++)
        {
            double r2 = RSquared(labels.Select(l => (double)l[target]).ToArray(), predictions.Select(p => (double)p[target]).ToArray());
            Console.WriteLine($"target {target}: R² {r2:F3}");
            Assert.IsTrue(r2 > 0.8, $"target {target}: R² {r2:F3}");
        }
    }

    [TestMethod]
    public void VariableAndFixedLengthRowsBothTrain()
    {
        var ml = new MLContext(seed: 1);
        foreach (var (min, max) in new[] { (1, 9), (5, 5) })
        {
            var train = SyntheticRegression.Scalar(ml, 256, seed: 5, min, max);
            var test = SyntheticRegression.Scalar(ml, 150, seed: 6, min, max);
            using var model = ml.Regression.Trainers.Rnn(SyntheticRegression.FastOptions(RnnCellType.Tanh)).Fit(train);
            double r2 = ml.Regression.Evaluate(model.Transform(test)).RSquared;
            Console.WriteLine($"lengths {min}..{max}: R² {r2:F3}");
            Assert.IsTrue(r2 > 0.8, $"lengths {min}..{max}: R² {r2:F3}");
        }
    }

    [TestMethod]
    public void ProgressReportsRmseAndMaeInLabelUnitsAndEarlyStoppingKeepsTheBestEpoch()
    {
        var ml = new MLContext(seed: 1);
        var reports = new List<RnnTrainingProgress>();
        var options = SyntheticRegression.FastOptions();
        options.Epochs = 8;
        options.ValidationSet = SyntheticRegression.Scalar(ml, 100, seed: 8);
        options.EarlyStoppingPatience = 3;
        options.Progress = new SynchronousProgress<RnnTrainingProgress>(reports.Add);
        using var model = ml.Regression.Trainers.Rnn(options).Fit(SyntheticRegression.Scalar(ml, 256, seed: 7));

        var ends = reports.Where(r => r.IsEpochEnd).ToList();
        Assert.IsTrue(ends.Count >= 1);
        foreach (var report in reports)
        {
            Assert.IsTrue(double.IsNaN(report.Accuracy), "a regressor has no accuracy");
            Assert.IsNotNull(report.RootMeanSquaredError);
            Assert.IsNotNull(report.MeanAbsoluteError);
            Assert.IsTrue(report.MeanAbsoluteError <= report.RootMeanSquaredError + 1e-9);
        }

        foreach (var end in ends)
        {
            Assert.IsNull(end.ValidationAccuracy);
            Assert.IsNotNull(end.ValidationRootMeanSquaredError);
            Assert.IsNotNull(end.ValidationMeanAbsoluteError);
        }

        // In label units: the first epoch's RMSE is of the order of the targets' spread (~250), far above a standardised error.
        Assert.IsTrue(ends[0].RootMeanSquaredError > 20, $"first epoch RMSE {ends[0].RootMeanSquaredError}");
        Assert.IsTrue(ends[^1].RootMeanSquaredError < ends[0].RootMeanSquaredError, "training error falls");

        // The kept model is the best validation epoch's: its validation MAE is the lowest reported.
        var best = ends.Where(e => e.IsBestEpoch).Last();
        Assert.AreEqual(ends.Min(e => e.ValidationLoss!.Value), best.ValidationLoss!.Value, 1e-12);
        double mae = ml.Regression.Evaluate(model.Transform(options.ValidationSet)).MeanAbsoluteError;
        Assert.AreEqual(best.ValidationMeanAbsoluteError!.Value, mae, 1e-3 * mae, "the fitted model is the best epoch's");
    }

    [TestMethod]
    public void HuberLossTrainsAndDiffersFromSquaredError()
    {
        var ml = new MLContext(seed: 1);
        var train = SyntheticRegression.Scalar(ml, 256, seed: 9);
        var test = SyntheticRegression.Scalar(ml, 150, seed: 10);
        var squared = SyntheticRegression.FastOptions();
        var huber = SyntheticRegression.FastOptions();
        huber.RegressionLoss = RnnRegressionLoss.Huber;
        huber.HuberDelta = 0.5f;
        using var squaredModel = ml.Regression.Trainers.Rnn(squared).Fit(train);
        using var huberModel = ml.Regression.Trainers.Rnn(huber).Fit(train);

        double r2 = ml.Regression.Evaluate(huberModel.Transform(test)).RSquared;
        Assert.IsTrue(r2 > 0.8, $"Huber R² {r2:F3}");
        CollectionAssert.AreNotEqual(squaredModel.Network.Head.Weights.ToArray(), huberModel.Network.Head.Weights.ToArray(), "the loss option reaches training");
    }

    [TestMethod]
    public void PredictionEngineAndPipelineSchemaBeforeFit()
    {
        var ml = new MLContext(seed: 1);
        var train = SyntheticRegression.Scalar(ml, 128, seed: 11);
        var options = SyntheticRegression.FastOptions();
        options.Epochs = 2;
        var trainer = ml.Regression.Trainers.Rnn(options);
        var shape = trainer.GetOutputSchema(Shapes.Of(train.Schema));
        var score = shape.Single(c => c.Name == "Score");
        Assert.AreEqual(SchemaShape.Column.VectorKind.Scalar, score.Kind);
        Assert.AreEqual(NumberDataViewType.Single, score.ItemType);
        Assert.IsFalse(shape.Any(c => c.Name == "PredictedLabel"));

        // An EstimatorChain asks every estimator for its output schema before fitting.
        var model = ml.Transforms.CopyColumns("Steps", "Features").Append(trainer).Fit(train);
        var engine = ml.Model.CreatePredictionEngine<ScalarTargetRow, ScalarPrediction>(model);
        var row = ml.Data.CreateEnumerable<ScalarTargetRow>(train, reuseRowObject: false).First();
        float expected = model.Transform(ml.Data.TakeRows(train, 1)).GetColumn<float>("Score").Single();
        Assert.AreEqual(expected, engine.Predict(row).Score, 1e-4f);
    }

    private static double RSquared(double[] actual, double[] predicted)
    {
        double mean = actual.Average();
        double total = actual.Sum(a => (a - mean) * (a - mean));
        double residual = actual.Zip(predicted, (a, p) => (a - p) * (a - p)).Sum();
        return 1 - residual / total;
    }

    private sealed class ScalarPrediction
    {
        public float Score { get; set; }
    }
}
