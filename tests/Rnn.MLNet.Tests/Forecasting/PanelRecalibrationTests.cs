using Microsoft.ML;

namespace Rnn.MLNet.Tests;

/// <summary>Recalibrating a many-series forecaster's intervals on newer data, without retraining its networks.</summary>
[TestClass]
public sealed class PanelRecalibrationTests
{
    private static readonly float[] Levels = [0.1f, 0.5f, 0.9f];
    private static readonly Lazy<(MLContext Ml, RnnForecaster Forecaster, PanelRow[] Train)> Trained = new(() =>
    {
        var ml = new MLContext(seed: 1);
        var train = SyntheticPanel.Generate(120, seed: 2);
        // The default calibration tail here: max(2 × Horizon, a tenth of 120 rows) = 12 rows.
        var forecaster = ml.Rnn().Forecaster(SyntheticPanel.Options(window: 12, horizon: 6, quantiles: Levels, epochs: 3)).Fit(SyntheticPanel.Load(ml, train));
        return (ml, forecaster, train);
    });

    [TestMethod]
    public void OnTheTrainingTailItMeasuresTheSameAdjustmentsAsTraining()
    {
        var (ml, forecaster, train) = Trained.Value;
        using var again = forecaster.Recalibrate(SyntheticPanel.Load(ml, train), calibrationSteps: 12);
        var before = forecaster.Quantiles!.Adjustments.ToArray();
        var after = again.Quantiles!.Adjustments.ToArray();
        Assert.IsTrue(before.Any(a => a != 0), "training calibrated");
        for (int i = 0; i < before.Length; i++)
            Assert.AreEqual(before[i], after[i], 1e-5f, $"adjustment {i}");
        CollectionAssert.AreEqual(forecaster.SeriesIds.ToArray(), again.SeriesIds.ToArray());
    }

    [TestMethod]
    public void NoisierNewDataWidensTheIntervalsAndOnlyKnownSeriesCount()
    {
        var (ml, forecaster, _) = Trained.Value;
        var noisy = SyntheticPanel.Generate(60, seed: 9, noise: 0.5f).Concat(SyntheticPanel.Generate(60, seed: 10, noise: 0.5f, ids: ["stranger"], sizes: [40f]));
        using var widened = forecaster.Recalibrate(SyntheticPanel.Load(ml, noisy), calibrationSteps: 24);
        var history = SyntheticPanel.Generate(12, seed: 3).Where(r => r.Id == "medium").Select(r => r.Value).ToArray();
        var narrow = forecaster.ForecastQuantiles("medium", history);
        var wide = widened.ForecastQuantiles("medium", history);
        for (int h = 0; h < forecaster.Horizon; h++)
        {
            float before = narrow.Upper(0.8f)[h] - narrow.Lower(0.8f)[h], after = wide.Upper(0.8f)[h] - wide.Lower(0.8f)[h];
            Assert.IsTrue(after > 1.5f * before, $"step {h + 1}: 80% width {before} before, {after} after");
        }

        CollectionAssert.AreEqual(narrow.Point, wide.Point, "the networks are unchanged");
        CollectionAssert.AreEqual(forecaster.SeriesIds.ToArray(), widened.SeriesIds.ToArray(), "an unknown series calibrates nothing and joins nothing");
    }

    [TestMethod]
    public void CallsThatCannotRecalibrateAreRefused()
    {
        var (ml, forecaster, train) = Trained.Value;
        var data = SyntheticPanel.Load(ml, train);
        var steps = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => forecaster.Recalibrate(data, calibrationSteps: 5));
        StringAssert.Contains(steps.Message, "calibrationSteps is 5; expected at least Horizon (6)");
        var strangers = SyntheticPanel.Load(ml, SyntheticPanel.Generate(60, ids: ["x"], sizes: [1f]));
        var none = Assert.ThrowsExactly<InvalidOperationException>(() => forecaster.Recalibrate(strangers, calibrationSteps: 12));
        StringAssert.Contains(none.Message, "known to this forecaster");

        using var points = ml.Rnn().Forecaster(SyntheticPanel.Options(window: 12, horizon: 6, epochs: 1)).Fit(data);
        var noQuantiles = Assert.ThrowsExactly<InvalidOperationException>(() => points.Recalibrate(data, calibrationSteps: 12));
        StringAssert.Contains(noQuantiles.Message, "without Quantiles");
    }
}
