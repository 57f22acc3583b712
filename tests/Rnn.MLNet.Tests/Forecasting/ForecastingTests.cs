using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet.Tests;

/// <summary>
/// Forecasting end to end on small synthetic series: windows built from the series, level handling on a trending seasonal
/// series that leaves the training range, direct multi-horizon output, covariates known ahead, Transform, save and load.
/// </summary>
[TestClass]
public sealed class ForecastingTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void TrainingWindowsAreViewsOfTheSeries()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticSeries.Generate(40, slope: 0.5f, seed: 2);
        var data = ForecastData.Read(SyntheticSeries.Load(ml, rows), new ForecasterColumns("Value", ["Event"], "Time", "Forecast", [], null), allowGaps: false);
        var series = data.Series[0];
        var origins = ForecastOrigins.Between(series, windowSize: 6, horizon: 3, firstStep: 0, lastStep: series.Length - 1);
        CollectionAssert.AreEqual(Enumerable.Range(5, 40 - 6 - 3 + 1).ToArray(), origins, "every origin whose window and targets lie in the series");

        var window = new ForecastWindow(6, 3, RnnForecastLevel.WindowMean, 0.5f, 2f, ["Event"], [0.2f], [0.4f]);
        var view = new WindowDataView(data, window, [.. origins.Select(o => new ForecastOrigin(0, o))], [1f], [[]]);
        Assert.AreEqual(origins.Length, (int)view.GetRowCount()!);
        var features = view.GetColumn<float[]>(WindowDataView.FeaturesColumn).ToArray();
        var labels = view.GetColumn<float[]>(WindowDataView.LabelColumn).ToArray();
        Assert.AreEqual(origins.Length, features.Length);

        // Row i is origin 5 + i: 6 past steps then 3 forecast steps, each [value, observed, event], values minus the window mean.
        int row = 7, origin = origins[row];
        var past = rows[(origin - 5)..(origin + 1)].Select(r => r.Value).ToArray();
        float mean = past.Average();
        Assert.AreEqual(9 * 3, features[row].Length);
        for (int t = 0; t < 9; t++)
        {
            var step = features[row].AsSpan(t * 3, 3);
            float expected = t < 6 ? (past[t] - mean - 0.5f) / 2f : 0f;
            Assert.AreEqual(expected, step[0], 1e-5, $"step {t} value");
            Assert.AreEqual(t < 6 ? 1f : 0f, step[1], $"step {t} observed flag");
            Assert.AreEqual((rows[origin - 5 + t].Event - 0.2f) / 0.4f, step[2], 1e-5, $"step {t} covariate");
        }

        for (int h = 0; h < 3; h++)
            Assert.AreEqual(rows[origin + 1 + h].Value - mean, labels[row][h], 1e-4, $"target {h + 1}");
    }

    [TestMethod]
    public void WindowLevelHandlingForecastsATrendBeyondTheTrainingRangeWhereRawValuesFail()
    {
        // Trained on steps 0..239 (values up to ~110); the last 60 steps climb to ~140, beyond anything seen in training. The
        // autoregressive skip is off: it is linear in the raw values, so it would carry even raw inputs some way past the range.
        var ml = new MLContext(seed: 1);
        var rows = SyntheticSeries.Generate(300, slope: 0.3f, amplitude: 8, seed: 4);
        var train = SyntheticSeries.Load(ml, rows[..240]);
        var all = SyntheticSeries.Load(ml, rows);
        var errors = new Dictionary<RnnForecastLevel, double>();
        foreach (var level in new[] { RnnForecastLevel.None, RnnForecastLevel.WindowMean, RnnForecastLevel.LastValue })
        {
            var options = SyntheticSeries.Options(level: level);
            options.Autoregressive = false;
            using var forecaster = ml.Rnn().Forecaster(options).Fit(train);
            var evaluation = forecaster.Evaluate(all, testSteps: 60);
            errors[level] = evaluation.Metrics.MeanAbsoluteError;
            TestContext.WriteLine($"{level}: MAE {evaluation.Metrics.MeanAbsoluteError:F2}, RMSE {evaluation.Metrics.RootMeanSquaredError:F2} over {evaluation.Metrics.Origins} origins");
        }

        // The seasonal swing is ±8 and the noise ±0.5: a forecaster that follows the level errs by about the noise.
        Assert.IsTrue(errors[RnnForecastLevel.WindowMean] < 2.0, $"WindowMean MAE {errors[RnnForecastLevel.WindowMean]:F2}");
        Assert.IsTrue(errors[RnnForecastLevel.LastValue] < 2.5, $"LastValue MAE {errors[RnnForecastLevel.LastValue]:F2}");
        Assert.IsTrue(errors[RnnForecastLevel.None] > 4 * errors[RnnForecastLevel.WindowMean],
            $"raw values should fail beyond the training range: None MAE {errors[RnnForecastLevel.None]:F2} vs WindowMean {errors[RnnForecastLevel.WindowMean]:F2}");
    }

    [TestMethod]
    public void EvaluationIsRollingOriginOverTheTailPerHorizonStep()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticSeries.Generate(200, slope: 0.1f, seed: 5);
        using var forecaster = ml.Rnn().Forecaster(SyntheticSeries.Options(horizon: 5, epochs: 8)).Fit(SyntheticSeries.Load(ml, rows[..170]));
        var evaluation = forecaster.Evaluate(SyntheticSeries.Load(ml, rows), testSteps: 30);

        // Every origin whose 5 targets lie in the last 30 steps: 26 of them, the first at step 169.
        Assert.AreEqual(26, evaluation.Metrics.Origins);
        CollectionAssert.AreEqual(Enumerable.Range(169, 26).ToArray(), evaluation.Origins.ToArray());
        Assert.AreEqual(5, evaluation.Metrics.PerStep.Count);
        for (int i = 0; i < evaluation.Origins.Count; i++)
        {
            int o = evaluation.Origins[i];
            CollectionAssert.AreEqual(rows[(o + 1)..(o + 6)].Select(r => r.Value).ToArray(), evaluation.Actuals[i], $"origin {o}: actuals are the next 5 values");
            var alone = forecaster.Forecast(rows[..(o + 1)].Select(r => r.Value).ToArray());
            for (int h = 0; h < 5; h++)
                Assert.AreEqual(alone[h], evaluation.Forecasts[i][h], 1e-4, $"origin {o}, step {h + 1}: the forecast from the history up to it");
        }

        for (int h = 0; h < 5; h++)
        {
            var errors = evaluation.Forecasts.Zip(evaluation.Actuals, (f, a) => (double)f[h] - a[h]).ToArray();
            var step = evaluation.Metrics.PerStep[h];
            Assert.AreEqual(h + 1, step.Step);
            Assert.AreEqual(errors.Average(Math.Abs), step.MeanAbsoluteError, 1e-9);
            Assert.AreEqual(Math.Sqrt(errors.Average(e => e * e)), step.RootMeanSquaredError, 1e-9);
            var smape = evaluation.Forecasts.Zip(evaluation.Actuals, (f, a) => 200.0 * Math.Abs(f[h] - a[h]) / (Math.Abs(f[h]) + Math.Abs(a[h]))).Average();
            Assert.AreEqual(smape, step.SymmetricMeanAbsolutePercentageError, 1e-9);
        }

        Assert.AreEqual(evaluation.Metrics.PerStep.Average(s => s.MeanAbsoluteError), evaluation.Metrics.MeanAbsoluteError, 1e-9);
        var same = ml.Rnn().EvaluateForecasts(evaluation.Forecasts, evaluation.Actuals);
        Assert.AreEqual(evaluation.Metrics.RootMeanSquaredError, same.RootMeanSquaredError, 1e-12);
    }

    [TestMethod]
    public void CovariatesKnownAheadReachTheForecastStepsTheyFall()
    {
        // One step in five, at random, jumps by 15: only a forecaster told which future steps are events can forecast the jumps.
        var ml = new MLContext(seed: 1);
        var rows = SyntheticSeries.Generate(260, slope: 0, amplitude: 3, lift: 15, seed: 6);
        var train = SyntheticSeries.Load(ml, rows[..220]);
        var all = SyntheticSeries.Load(ml, rows);
        using var without = ml.Rnn().Forecaster(SyntheticSeries.Options(window: 12, horizon: 3)).Fit(train);
        using var with = ml.Rnn().Forecaster(SyntheticSeries.Options(window: 12, horizon: 3, covariates: true)).Fit(train);
        double blind = without.Evaluate(all, 40).Metrics.MeanAbsoluteError;
        double told = with.Evaluate(all, 40).Metrics.MeanAbsoluteError;
        TestContext.WriteLine($"MAE without the covariate {blind:F2}, with it {told:F2}");
        Assert.IsTrue(told < 0.5 * blind, $"with the event covariate MAE {told:F2}; without {blind:F2}");

        // Forecast with covariates: one row per history step, then one per forecast step.
        var history = rows[..220].Select(r => r.Value).ToArray();
        var covariates = rows[..223].Select(r => r.Event).ToArray();
        var forecast = with.Forecast(history, covariates);
        Assert.AreEqual(3, forecast.Length);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => with.Forecast(history)).Message, "Event");
    }

    [TestMethod]
    public void ForecastStepsReadTheValueOneSeasonEarlier()
    {
        // Window 6, horizon 4, season 3: forecast steps 6..9 read window steps 3, 4, 5, then 3 again.
        var window = new ForecastWindow(6, 4, RnnForecastLevel.None, 0f, 1f, ["c"], [0f], [1f], seasonLength: 3);
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4, 5, 3, 4, 5, 3 }, Enumerable.Range(0, 10).Select(window.SeasonSource).ToArray());
        var input = new float[10 * 3];
        window.FillInput([10, 11, 12, 13, 14, 15], new float[10], input);
        CollectionAssert.AreEqual(new float[] { 10, 11, 12, 13, 14, 15, 13, 14, 15, 13 }, Enumerable.Range(0, 10).Select(t => input[t * 3]).ToArray());
        CollectionAssert.AreEqual(new float[] { 1, 1, 1, 1, 1, 1, 0, 0, 0, 0 }, Enumerable.Range(0, 10).Select(t => input[t * 3 + 1]).ToArray(), "observed flags");
        Assert.AreEqual(-1, new ForecastWindow(6, 4, RnnForecastLevel.None, 0f, 1f, ["c"], [0f], [1f]).SeasonSource(6), "without a season forecast steps read 0");
    }

    [TestMethod]
    public void TransformAddsTheForecastMadeAtEveryRow()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticSeries.Generate(80, slope: 0.2f, seed: 7);
        var data = SyntheticSeries.Load(ml, rows);
        var estimator = ml.Rnn().Forecaster(SyntheticSeries.Options(window: 10, horizon: 3, epochs: 3));
        var shape = estimator.GetOutputSchema(Shapes.Of(data.Schema));
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, shape.Single(c => c.Name == "Forecast").Kind);
        using var forecaster = estimator.Fit(data);

        var scored = forecaster.Transform(data);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 3), scored.Schema["Forecast"].Type);
        var forecasts = scored.GetColumn<float[]>("Forecast").ToArray();
        CollectionAssert.AreEqual(rows.Select(r => r.Value).ToArray(), scored.GetColumn<float>("Value").ToArray(), "input columns pass through");
        for (int t = 0; t < rows.Length; t++)
        {
            if (t < 9)
            {
                Assert.IsTrue(forecasts[t].All(float.IsNaN), $"row {t} has fewer than 10 rows up to it");
                continue;
            }

            var alone = forecaster.Forecast(rows[..(t + 1)].Select(r => r.Value).ToArray());
            for (int h = 0; h < 3; h++)
                Assert.AreEqual(alone[h], forecasts[t][h], 1e-4, $"row {t}, step {h + 1}");
        }
    }

    [TestMethod]
    public void SavedForecasterLoadsAndTheFileServesWithoutMLNet()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticSeries.Generate(120, slope: 0.2f, lift: 5, seed: 8);
        using var forecaster = ml.Rnn().Forecaster(SyntheticSeries.Options(window: 12, horizon: 4, covariates: true, epochs: 3, level: RnnForecastLevel.Differences))
            .Fit(SyntheticSeries.Load(ml, rows));
        string path = Path.Combine(Scratch.Folder(TestContext), "forecaster.onnx");
        forecaster.Save(path);

        using var loaded = RnnForecaster.Load(new MLContext(), path);
        using var served = new RnnOnnxForecaster(path);
        Assert.AreEqual(12, loaded.WindowSize);
        Assert.AreEqual(4, loaded.Horizon);
        Assert.AreEqual(RnnForecastLevel.Differences, loaded.Level);
        Assert.AreEqual("Value", loaded.SeriesColumnName);
        CollectionAssert.AreEqual(new[] { "Event" }, loaded.CovariateColumnNames.ToArray());
        CollectionAssert.AreEqual(new[] { "Event" }, served.CovariateNames.ToArray());
        CollectionAssert.AreEqual(forecaster.Networks[0].Head.Weights.ToArray(), loaded.Networks[0].Head.Weights.ToArray());
        Assert.AreEqual(forecaster.Window.ValueScale, loaded.Window.ValueScale);

        var history = rows[..100].Select(r => r.Value).ToArray();
        var covariates = rows[..104].Select(r => r.Event).ToArray();
        var expected = forecaster.Forecast(history, covariates);
        AssertClose(expected, loaded.Forecast(history, covariates), "loaded");
        AssertClose(expected, served.Forecast(history, covariates), "served");
        Assert.AreEqual("forecasting", served.Metadata[RnnOnnxMetadata.Task]);

        // ML.NET's own model files cannot hold it (it reads many rows); the message says what to use.
        var error = Assert.ThrowsExactly<NotSupportedException>(() => ml.Model.Save(forecaster, SyntheticSeries.Load(ml, rows).Schema, Path.Combine(Scratch.Folder(TestContext), "x.zip")));
        StringAssert.Contains(error.Message, "forecaster.Save(path)");
    }

    [TestMethod]
    public void EnsembleForecastsTheMeanOfItsMembersAndSavesThemAll()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticSeries.Generate(120, slope: 0.2f, lift: 5, seed: 11);
        var options = SyntheticSeries.Options(window: 12, horizon: 4, covariates: true, epochs: 2);
        options.EnsembleSize = 3;
        using var ensemble = ml.Rnn().Forecaster(options).Fit(SyntheticSeries.Load(ml, rows));
        Assert.AreEqual(3, ensemble.Networks.Count);
        Assert.IsTrue(ensemble.Networks[0].Head.Weights.Span[0] != ensemble.Networks[1].Head.Weights.Span[0], "members are trained from different seeds");

        var history = rows[..100].Select(r => r.Value).ToArray();
        var covariates = rows[..104].Select(r => r.Event).ToArray();
        var forecast = ensemble.Forecast(history, covariates);
        var members = ensemble.Networks.Select(n =>
        {
            using var single = RnnOnnxForecaster.FromBytes(RnnOnnxForecastExporter.ToBytes(n, ensemble.Window));
            return single.Forecast(history, covariates);
        }).ToArray();
        for (int h = 0; h < 4; h++)
            Assert.AreEqual(members.Average(m => m[h]), forecast[h], 1e-4, $"step {h + 1}: the mean of the members' forecasts");

        string path = Path.Combine(Scratch.Folder(TestContext), "ensemble.onnx");
        ensemble.Save(path);
        using var loaded = RnnForecaster.Load(new MLContext(), path);
        Assert.AreEqual(3, loaded.Networks.Count);
        for (int m = 0; m < 3; m++)
            CollectionAssert.AreEqual(ensemble.Networks[m].Head.Weights.ToArray(), loaded.Networks[m].Head.Weights.ToArray(), $"member {m}");
        AssertClose(forecast, loaded.Forecast(history, covariates), "loaded");
    }

    // Two ONNX Runtime sessions of the same bytes agree to rounding (not always bit for bit while other work shares the cores).
    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.AreEqual(expected.Length, actual.Length, what);
        for (int i = 0; i < expected.Length; i++)
            Assert.AreEqual(expected[i], actual[i], 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"{what}: value {i}");
    }

    [TestMethod]
    public void GapsAreRefusedByDefaultOrTheirWindowsSkipped()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticSeries.Generate(80, slope: 0.1f, seed: 9);
        rows[50].Value = float.NaN;
        var data = SyntheticSeries.Load(ml, rows);
        var refused = Assert.ThrowsExactly<InvalidOperationException>(() => ml.Rnn().Forecaster(SyntheticSeries.Options(window: 10, horizon: 2, epochs: 1)).Fit(data));
        StringAssert.Contains(refused.Message, "Column 'Value', row 50");
        StringAssert.Contains(refused.Message, "Gaps = SkipWindows");

        var series = ForecastData.Read(data, new ForecasterColumns("Value", [], null, "Forecast", [], null), allowGaps: true).Series[0];
        var origins = ForecastOrigins.Between(series, 10, 2, 0, series.Length - 1);
        // Origins 9..77, minus the windows whose 10 steps or 2 targets touch row 50 (origins 48..59).
        Assert.AreEqual(69 - 12, origins.Length);
        Assert.IsFalse(origins.Any(o => o >= 48 && o <= 59));

        var options = SyntheticSeries.Options(window: 10, horizon: 2, epochs: 2);
        options.Gaps = RnnForecastGapHandling.SkipWindows;
        using var forecaster = ml.Rnn().Forecaster(options).Fit(data);
        Assert.AreEqual(2, forecaster.Forecast(rows[..40].Select(r => r.Value).ToArray()).Length);
    }

    [TestMethod]
    public void ValidationStepsHoldOutTheEndAndKeepTheBestEpoch()
    {
        var ml = new MLContext(seed: 1);
        var reports = new List<RnnTrainingProgress>();
        var options = SyntheticSeries.Options(window: 12, horizon: 3, epochs: 6);
        options.ValidationSteps = 20;
        options.Trainer.EarlyStoppingPatience = 2;
        options.Trainer.Progress = new SynchronousProgress<RnnTrainingProgress>(reports.Add);
        using var forecaster = ml.Rnn().Forecaster(options).Fit(SyntheticSeries.Load(ml, SyntheticSeries.Generate(150, 0.1f, seed: 10)));
        var ends = reports.Where(r => r.IsEpochEnd).ToList();
        Assert.IsTrue(ends.All(e => e.ValidationMeanAbsoluteError is not null), "validation windows are scored every epoch");
        // 150 steps, the last 20 held out: training origins 11..126 (116), validation origins whose 3 targets are in the tail (18).
        Assert.AreEqual(116, ends[0].RowsSeen);
    }
}
