using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet.Tests;

/// <summary>Many related series in one forecaster, with quantiles: windows per series, scaling, calibration, serving and evaluation.</summary>
[TestClass]
public sealed class PanelForecastingTests
{
    private static readonly float[] Levels = [0.1f, 0.5f, 0.9f];
    private static readonly Lazy<(RnnForecaster Forecaster, PanelRow[] Rows, List<string> Log)> Trained = new(() =>
    {
        var ml = new MLContext(seed: 1);
        var log = new List<string>();
        ml.Log += (_, e) =>
        {
            lock (log)
                log.Add(e.Message);
        };
        var rows = SyntheticPanel.Generate(150);
        var train = rows.Where(r => r.Time < 120).ToArray();
        var forecaster = ml.Rnn().Forecaster(SyntheticPanel.Options(quantiles: Levels)).Fit(SyntheticPanel.Load(ml, train));
        return (forecaster, rows, log);
    });

    [TestMethod]
    public void TrainingWindowsStayWithinTheirSeriesAndAreScaledByIt()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticPanel.Generate(40);
        var data = ForecastData.Read(SyntheticPanel.Load(ml, rows), new ForecasterColumns("Value", [], "Time", "Forecast", [], "Id"), allowGaps: false);
        CollectionAssert.AreEqual(SyntheticPanel.Ids, data.Series.Select(s => s.Id).ToArray(), "one series per id, in the order ids appear");
        Assert.IsTrue(data.Series.All(s => s.Length == 40));
        var medium = data.Series[1];
        CollectionAssert.AreEqual(rows.Where(r => r.Id == "medium").Select(r => r.Value).ToArray(), medium.Values, "interleaved rows sorted into their series");
        CollectionAssert.AreEqual(Enumerable.Range(0, 40).Select(t => (long)(3 * t + 1)).ToArray(), medium.Rows, "each step remembers its row");

        var options = SyntheticPanel.Options(window: 8, horizon: 3);
        var plan = ForecastTrainingPlan.Make(data, options, calibrate: false, ((Microsoft.ML.Runtime.IHostEnvironment)ml).Register("test"));
        Assert.AreEqual(3 * (40 - 8 - 3 + 1), plan.Training.Count, "every window of every series, none across two");
        Assert.AreEqual(100f * 1f, plan.Scales[1], 20f, "the medium series is scaled by its mean absolute value (about 100)");
    }

    [TestMethod]
    public void AProbabilisticForecasterGivesOrderedQuantilesWhoseMedianIsTheForecast()
    {
        var (forecaster, rows, log) = Trained.Value;
        CollectionAssert.AreEqual(SyntheticPanel.Ids, forecaster.SeriesIds.ToArray());
        CollectionAssert.AreEqual(Levels, forecaster.QuantileLevels.ToArray());
        Assert.IsTrue(log.Any(m => m.Contains("Conformal calibration on", StringComparison.Ordinal)), string.Join("\n", log));
        foreach (var (id, k) in SyntheticPanel.Ids.Select((id, k) => (id, k)))
        {
            var history = rows.Where(r => r.Id == id && r.Time < 120).Select(r => r.Value).ToArray();
            var quantiles = forecaster.ForecastQuantiles(id, history);
            var point = forecaster.Forecast(id, history);
            CollectionAssert.AreEqual(point, quantiles.Point, "the point forecast is the median");
            for (int h = 0; h < 6; h++)
            {
                Assert.IsTrue(quantiles.Lower(0.8f)[h] <= point[h] && point[h] <= quantiles.Upper(0.8f)[h], $"{id} step {h + 1}: the median lies in its interval");
                // Each series is forecast in its own units: 2, 100 or 5000 times the same shape.
                Assert.AreEqual(SyntheticPanel.Sizes[k] * 1.25, point[h], SyntheticPanel.Sizes[k] * 0.6, $"{id} step {h + 1}");
            }
        }

        var error = Assert.ThrowsExactly<ArgumentException>(() => forecaster.ForecastQuantiles("small", new float[30]).Lower(0.5f));
        StringAssert.Contains(error.Message, "Coverage 0.5 has no pair of quantiles");
    }

    [TestMethod]
    public void SavedExportedAndServedTheForecastsAreTheSame()
    {
        var (forecaster, rows, _) = Trained.Value;
        var history = rows.Where(r => r.Id == "large" && r.Time < 100).Select(r => r.Value).ToArray();
        var expected = forecaster.ForecastQuantiles("large", history).Values.ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"panel-{Guid.NewGuid():N}.onnx");
        try
        {
            forecaster.Save(path);
            using var loaded = RnnForecaster.Load(new MLContext(), path);
            CollectionAssert.AreEqual(expected, loaded.ForecastQuantiles("large", history).Values.ToArray());
            using var served = new RnnOnnxForecaster(path);
            CollectionAssert.AreEqual(expected, served.ForecastQuantiles("large", history).Values.ToArray());
            CollectionAssert.AreEqual(SyntheticPanel.Ids, served.SeriesIds.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void AnUnknownSeriesIsForecastFromItsHistoryOrRefused()
    {
        var (forecaster, rows, _) = Trained.Value;
        var history = rows.Where(r => r.Id == "medium" && r.Time < 100).Select(r => r.Value * 3).ToArray();
        var forecast = forecaster.Forecast("new", history);
        Assert.AreEqual(300f, forecast[0], 150f, "scaled by its own history's size");

        var ml = new MLContext(seed: 1);
        var options = SyntheticPanel.Options(epochs: 1);
        options.UnknownSeries = RnnUnknownSeries.Refuse;
        using var strict = ml.Rnn().Forecaster(options).Fit(SyntheticPanel.Load(ml, SyntheticPanel.Generate(60)));
        var error = Assert.ThrowsExactly<ArgumentException>(() => strict.Forecast("new", history));
        StringAssert.Contains(error.Message, "Series id 'new' was not among the 3 series");
    }

    [TestMethod]
    public void EvaluationReportsMaseCoverageWidthAndQuantileLossPerSeriesAndPooled()
    {
        var (forecaster, rows, _) = Trained.Value;
        var evaluation = forecaster.Evaluate(SyntheticPanel.Load(new MLContext(), rows), testSteps: 30, seasonality: 12);
        Assert.AreEqual(3 * (30 - 6 + 1), evaluation.Forecasts.Count, "every origin of every series whose horizon lies in its tail");
        CollectionAssert.AreEquivalent(SyntheticPanel.Ids, evaluation.PerSeries.Keys.ToArray());
        var m = evaluation.Metrics;
        Console.WriteLine($"MASE {m.MeanAbsoluteScaledError:F3}, sMAPE {m.SymmetricMeanAbsolutePercentageError:F2}, 80% coverage {evaluation.Intervals[0].Observed:P1}, width {evaluation.Intervals[0].MeanWidth:F1}, wQL {evaluation.WeightedQuantileLoss:F4}");
        Assert.IsTrue(double.IsFinite(m.MeanAbsoluteScaledError) && m.MeanAbsoluteScaledError > 0);
        Assert.AreEqual(evaluation.PerSeries.Values.Average(s => s.MeanAbsoluteScaledError), m.MeanAbsoluteScaledError, 1e-9, "pooled MASE is the series' mean (M4)");
        Assert.AreEqual(1, evaluation.Intervals.Count);
        Assert.AreEqual(0.8f, evaluation.Intervals[0].Coverage, 1e-6);
        Assert.IsTrue(evaluation.Intervals[0].Observed is > 0.6 and <= 1, $"80% interval covered {evaluation.Intervals[0].Observed:P1}");
        Assert.IsTrue(evaluation.WeightedQuantileLoss is > 0 and < 0.5);
    }

    [TestMethod]
    public void TransformAddsTheForecastAndOneColumnPerQuantileWithinEachSeries()
    {
        var (forecaster, rows, _) = Trained.Value;
        var ml = new MLContext();
        var scored = forecaster.Transform(SyntheticPanel.Load(ml, rows));
        var names = scored.Schema.Select(c => c.Name).ToArray();
        CollectionAssert.IsSubsetOf(new[] { "Forecast", "Forecast@0.1", "Forecast@0.5", "Forecast@0.9" }, names);
        var forecasts = scored.GetColumn<float[]>("Forecast").ToArray();
        var lower = scored.GetColumn<float[]>("Forecast@0.1").ToArray();
        // Row 3 × 30 + 2 is "large" at time 30: its forecast reads that series' steps 7..30 only.
        int row = 3 * 30 + 2;
        var history = rows.Where(r => r.Id == "large" && r.Time <= 30).Select(r => r.Value).ToArray();
        CollectionAssert.AreEqual(forecaster.Forecast("large", history), forecasts[row]);
        Assert.IsTrue(lower[row].Zip(forecasts[row]).All(p => p.First <= p.Second));
        Assert.IsTrue(float.IsNaN(forecasts[3 * 10][0]), "too little history in its own series");
    }

    [TestMethod]
    public void BadPanelsAreRefusedNamingTheSeriesAndTheValue()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticPanel.Generate(40);
        (rows[3 * 20 + 1].Time, rows[3 * 21 + 1].Time) = (rows[3 * 21 + 1].Time, rows[3 * 20 + 1].Time);
        var order = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Rnn().Forecaster(SyntheticPanel.Options(window: 8, horizon: 3, epochs: 1)).Fit(SyntheticPanel.Load(ml, rows)));
        StringAssert.Contains(order.Message, "series 'medium'");
        StringAssert.Contains(order.Message, "strictly increasing time order");

        var varying = SyntheticPanel.Generate(40);
        varying[3 * 5 + 2].Size = 4000;
        var options = SyntheticPanel.Options(window: 8, horizon: 3, epochs: 1);
        options.StaticCovariateColumnNames = ["Size"];
        var statics = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Rnn().Forecaster(options).Fit(SyntheticPanel.Load(ml, varying)));
        StringAssert.Contains(statics.Message, "series 'large' has 4000 here but 5000 in its first row");

        var shortOne = SyntheticPanel.Generate(40).Where(r => r.Id != "small" || r.Time < 5).ToArray();
        options = SyntheticPanel.Options(window: 8, horizon: 3, epochs: 1);
        options.ShortSeries = RnnShortSeries.Refuse;
        var refused = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Rnn().Forecaster(options).Fit(SyntheticPanel.Load(ml, shortOne)));
        StringAssert.Contains(refused.Message, "series 'small' of column 'Value' has 5 rows");
        var log = new List<string>();
        ml.Log += (_, e) => log.Add(e.Message);
        options.ShortSeries = RnnShortSeries.Skip;
        using var skipped = ml.Rnn().Forecaster(options).Fit(SyntheticPanel.Load(ml, shortOne));
        Assert.IsTrue(log.Any(m => m.Contains("1 of 3 series are shorter than one training window", StringComparison.Ordinal)));

        var wrongId = SyntheticPanel.Options(epochs: 1);
        wrongId.SeriesIdColumnName = "Value";
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Rnn().Forecaster(wrongId));
        wrongId.SeriesIdColumnName = "Size";
        var typed = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Rnn().Forecaster(wrongId).Fit(SyntheticPanel.Load(ml, SyntheticPanel.Generate(40))));
        StringAssert.Contains(typed.Message, "Series id column 'Size' has type Single");
        wrongId.SeriesIdColumnName = "Region";
        var missing = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Rnn().Forecaster(wrongId).Fit(SyntheticPanel.Load(ml, SyntheticPanel.Generate(40))));
        StringAssert.Contains(missing.Message, "'Region'");

        foreach (var (levels, expected) in new (float[], string)[] { ([0.1f, 1.2f], "outside (0, 1)"), ([0.9f, 0.1f], "must increase"), ([0.1f, 0.5f, 0.8f], "not symmetric") })
        {
            var bad = SyntheticPanel.Options(quantiles: levels);
            var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Rnn().Forecaster(bad));
            StringAssert.Contains(e.Message, "RnnForecasterOptions.Quantiles is");
            StringAssert.Contains(e.Message, expected);
        }
    }
}
