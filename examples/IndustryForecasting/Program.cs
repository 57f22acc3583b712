// Monthly unemployment of 14 US industries, 2000-01 to 2010-02 (npm package vega-datasets): one global RNN forecaster with
// 80% and 95% prediction intervals (quantiles, conformally calibrated), trained on every series up to 2008-02, then a
// 12-month forecast from every origin whose 12 months lie in the last 24 (2008-03 to 2010-02; the same origins for every
// method). Printed beside it, on the same origins: seasonal naive per series, ML.NET FastTree (one global model per horizon
// step on the same windows and calendar), and the RNN trained per series (what one global model adds).
// Those 24 months are the 2008-09 recession (unemployment doubled): no method trained before it covers it; --end 2007-02
// tests a calm period instead. Defaults (window 12, LastValue, calibration tail 12) were chosen on both splits (README).
// Usage: dotnet run -c Release [-- --window N --hidden N --layers N --cell Lstm|Gru --epochs N --averaged-epochs N --batch N --lr X
//        --ensemble N --level None|LastValue|WindowMean|WindowMeanRatio --autoregressive true|false --embedding N --calibration N --recalibration N --end yyyy-MM --seed N --threads N --skip-per-series true --artifacts DIR]
using System.Diagnostics;
using System.Globalization;
using IndustryForecasting;
using Microsoft.ML;
using Rnn.Examples.Common;
using Rnn.MLNet;
using Rnn.Onnx;
using Spectre.Console;

var clock = Stopwatch.StartNew();
var settings = ExampleArguments.Parse(args);
int seed = settings.GetInt("seed", 1);
var mlContext = new MLContext(seed: seed);
int threads = TorchThreads.Apply(settings, fallback: 1);
const int Horizon = 12, TestMonths = 24, Season = 12;
float[] levels = [0.025f, 0.1f, 0.5f, 0.9f, 0.975f];

AnsiConsole.MarkupLine("[bold]Unemployment in 14 US industries[/]: 12 months ahead with 80% and 95% intervals, one global RNN vs seasonal naive, FastTree and per-series RNNs.");
IReadOnlyList<IndustryMonth> months = null!;
AnsiConsole.Status().Start($"Fetching the data (npm package {IndustryUnemployment.PackageName})...", status =>
    months = IndustryUnemployment.Load(message => status.Status(Markup.Escape(message))));
// --end yyyy-MM stops the data there (the test is always the last 24 months kept): the full data's last 24 months are the
// 2008-09 recession, when unemployment doubled; an earlier end tests a calm period.
var end = settings.GetString("end", "");
var rows = months.Select(IndustryRow.From).Where(r => end.Length == 0 || r.Month <= DateTime.ParseExact(end, "yyyy-MM", CultureInfo.InvariantCulture)).ToArray();
var industries = rows.Select(r => r.Industry).Distinct().ToArray();
var testStart = rows.Select(r => r.Month).Distinct().Order().ToArray()[^TestMonths];
var all = mlContext.Data.LoadFromEnumerable(rows);
var train = mlContext.Data.LoadFromEnumerable(rows.Where(r => r.Month < testStart));
int trainMonths = rows.Count(r => r.Industry == industries[0] && r.Month < testStart);
AnsiConsole.WriteLine($"Data ready: {industries.Length} industries × {rows.Length / industries.Length} months; training on {trainMonths} months (to {testStart.AddMonths(-1):yyyy-MM}), " +
    $"testing on {TestMonths} ({testStart:yyyy-MM} to {rows.Max(r => r.Month):yyyy-MM}) ({clock.Elapsed.TotalSeconds:F1} s).");

RnnForecasterOptions Options(bool manySeries) => new()
{
    SeriesColumnName = nameof(IndustryRow.Count),
    SeriesIdColumnName = manySeries ? nameof(IndustryRow.Industry) : null,
    CovariateColumnNames = IndustryRow.Covariates,
    TimeColumnName = nameof(IndustryRow.Month),
    WindowSize = settings.GetInt("window", 12),
    Horizon = Horizon,
    SeasonLength = Season,
    EnsembleSize = settings.GetInt("ensemble", 3),
    Level = Enum.Parse<RnnForecastLevel>(settings.GetString("level", "LastValue"), ignoreCase: true),
    Autoregressive = bool.Parse(settings.GetString("autoregressive", "true")),
    SeriesEmbeddingSize = manySeries ? settings.GetInt("embedding", 0) : 0,
    Quantiles = levels,
    CalibrationSteps = settings.GetInt("calibration", 12),
    Trainer = new RnnTrainerOptions
    {
        CellType = Enum.Parse<RnnCellType>(settings.GetString("cell", "Lstm"), ignoreCase: true),
        HiddenSize = settings.GetInt("hidden", 64),
        NumLayers = settings.GetInt("layers", 1),
        Epochs = settings.GetInt("epochs", 60),
        AveragedEpochs = settings.GetInt("averaged-epochs", 20),
        BatchSize = settings.GetInt("batch", 32),
        LearningRate = settings.GetFloat("lr", 3e-3f),
        GradientClipNorm = 5f,
        Seed = seed,
    },
};

var options = Options(manySeries: true);
AnsiConsole.WriteLine($"Global RNN: {options.Trainer.CellType} ×{options.Trainer.NumLayers}, hidden {options.Trainer.HiddenSize}, window {options.WindowSize} months + {Horizon} ahead with the calendar month, " +
    $"season {Season}, level {options.Level}, each series divided by its mean, quantiles {string.Join(", ", levels)}, ensemble of {options.EnsembleSize}, " +
    $"{options.Trainer.Epochs} epochs (weights averaged over the last {options.Trainer.AveragedEpochs}), batch {options.Trainer.BatchSize}, Adam lr {options.Trainer.LearningRate}, seed {seed}, {threads} libtorch thread(s).");
var rnnClock = Stopwatch.StartNew();
using var forecaster = TrainingDisplay.Run(options.Trainer, () => mlContext.Rnn().Forecaster(options).Fit(train), out var history);
double rnnSeconds = rnnClock.Elapsed.TotalSeconds;
var rnn = forecaster.Evaluate(all, testSteps: TestMonths, seasonality: Season);

// Every method forecasts from the same origins and is scored by the same code (RnnForecastEvaluation.FromForecasts).
var seriesValues = industries.ToDictionary(i => i, i => rows.Where(r => r.Industry == i).Select(r => r.Count).ToArray());
var seriesCovariates = industries.ToDictionary(i => i, i => rows.Where(r => r.Industry == i).Select(r => r.CovariateValues()).ToArray());
var naiveScales = industries.ToDictionary(i => i, i => RnnForecastEvaluation.NaiveScale(seriesValues[i], trainMonths, Season));
RnnForecastEvaluation Score(float[][] points, float[][] quantiles) =>
    RnnForecastEvaluation.FromForecasts(rnn.SeriesIds, rnn.Origins, points, [.. rnn.Actuals], naiveScales, levels, quantiles);

var naive = new SeasonalNaive(Season, levels);
var naiveForecasts = rnn.SeriesIds.Select((id, i) => naive.Forecast(seriesValues[id], rnn.Origins[i], Horizon, trainMonths)).ToArray();
var naiveEvaluation = Score([.. naiveForecasts.Select(f => f.Point)], [.. naiveForecasts.Select(f => f.Quantiles)]);

// FastTree: the RNN's training windows (targets before the calibration tail) train it; the tail's windows set its intervals.
var scales = industries.ToDictionary(i => i, i => forecaster.Panel!.ScaleOf(forecaster.Panel.IndexOf(i), []));
int calibration = options.CalibrationSteps > 0 ? options.CalibrationSteps : Math.Max(2 * Horizon, trainMonths / 10);
Origin At(string id, int step) => new(id, seriesValues[id], seriesCovariates[id], scales[id], step);
var treeTraining = industries.SelectMany(id => Enumerable.Range(options.WindowSize - 1, trainMonths - calibration - options.WindowSize - Horizon + 1).Select(o => At(id, o))).ToArray();
var treeCalibration = industries.SelectMany(id => Enumerable.Range(trainMonths - 1 - calibration, calibration - Horizon + 1).Select(o => At(id, o))).ToArray();
var fastTree = new PanelFastTree(mlContext, forecaster.Window, levels);
var treeClock = Stopwatch.StartNew();
AnsiConsole.Status().Start("Training FastTree, one global model per horizon step...", status =>
    fastTree.Fit(treeTraining, treeCalibration, h => status.Status($"Training FastTree, one global model per horizon step: {h}/{Horizon} done")));
var (treePoints, treeQuantiles) = fastTree.Forecast([.. rnn.SeriesIds.Select((id, i) => At(id, rnn.Origins[i]))]);
double treeSeconds = treeClock.Elapsed.TotalSeconds;
var treeEvaluation = Score(treePoints, treeQuantiles);

// The global RNN recalibrated at every origin on the months known by then (RnnForecaster.Recalibrate: online conformal, the
// same networks), so its intervals can follow a change the training years did not show.
int recalibration = settings.GetInt("recalibration", 24);
var monthsInOrder = rows.Select(r => r.Month).Distinct().Order().ToArray();
var recalibratedPoints = new float[rnn.Forecasts.Count][];
var recalibratedQuantiles = new float[rnn.Forecasts.Count][];
foreach (int origin in rnn.Origins.Distinct())
{
    using var recalibrated = forecaster.Recalibrate(mlContext.Data.LoadFromEnumerable(rows.Where(r => r.Month <= monthsInOrder[origin])), recalibration);
    for (int i = 0; i < rnn.Forecasts.Count; i++)
    {
        if (rnn.Origins[i] != origin)
            continue;
        string id = rnn.SeriesIds[i];
        int first = origin - options.WindowSize + 1;
        var forecast = recalibrated.ForecastQuantiles(id, seriesValues[id].AsSpan(first, options.WindowSize),
            [.. seriesCovariates[id][first..(origin + Horizon + 1)].SelectMany(c => c)]);
        recalibratedPoints[i] = forecast.Point;
        recalibratedQuantiles[i] = forecast.Values.ToArray();
    }
}

var recalibratedEvaluation = Score(recalibratedPoints, recalibratedQuantiles);

// The same RNN, one per series: what training across the series adds.
RnnForecastEvaluation? perSeries = null;
double perSeriesSeconds = 0;
if (!bool.Parse(settings.GetString("skip-per-series", "false")))
{
    var points = new float[rnn.Forecasts.Count][];
    var quantiles = new float[rnn.Forecasts.Count][];
    var perClock = Stopwatch.StartNew();
    AnsiConsole.Status().Start("Training the RNN per series...", status =>
    {
        foreach (var (id, k) in industries.Select((id, k) => (id, k)))
        {
            status.Status($"Training the RNN per series: {k + 1}/{industries.Length} ({Markup.Escape(id)})");
            var single = Options(manySeries: false);
            single.Trainer.Progress = null;
            var own = rows.Where(r => r.Industry == id).ToArray();
            using var one = mlContext.Rnn().Forecaster(single).Fit(mlContext.Data.LoadFromEnumerable(own.Where(r => r.Month < testStart)));
            var evaluation = one.Evaluate(mlContext.Data.LoadFromEnumerable(own), testSteps: TestMonths, seasonality: Season);
            for (int i = 0, j = 0; i < rnn.Forecasts.Count; i++)
            {
                if (rnn.SeriesIds[i] != id)
                    continue;
                points[i] = evaluation.Forecasts[j];
                quantiles[i] = evaluation.QuantileForecasts[j++];
            }
        }
    });
    perSeriesSeconds = perClock.Elapsed.TotalSeconds;
    perSeries = Score(points, quantiles);
}

var methods = new List<(string Name, RnnForecastEvaluation Evaluation)>
{
    ("seasonal naive", naiveEvaluation),
    ("FastTree (global, per step)", treeEvaluation),
    ("RNN, global", rnn),
    ($"RNN, global, recalibrated at each origin (last {recalibration} months)", recalibratedEvaluation),
};
if (perSeries is not null)
    methods.Add(("RNN, per series", perSeries));

string F(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "–";
ForecastIntervalMetrics Of(RnnForecastEvaluation e, float coverage) => e.Intervals.Single(i => Math.Abs(i.Coverage - coverage) < 1e-4);
var table = new Table().Title($"{rnn.Forecasts.Count} forecasts ({industries.Length} industries × {rnn.Forecasts.Count / industries.Length} origins) of {Horizon} months")
    .AddColumns("method", "MASE", "sMAPE %", "MAE", "80% covered", "95% covered", "80% width", "95% width", "wQL");
foreach (var (name, e) in methods)
{
    table.AddRow(name, F(e.Metrics.MeanAbsoluteScaledError, "F3"), F(e.Metrics.SymmetricMeanAbsolutePercentageError, "F2"), F(e.Metrics.MeanAbsoluteError, "F1"),
        F(Of(e, 0.8f).Observed * 100, "F1"), F(Of(e, 0.95f).Observed * 100, "F1"), F(Of(e, 0.8f).MeanWidth, "F1"), F(Of(e, 0.95f).MeanWidth, "F1"), F(e.WeightedQuantileLoss ?? double.NaN, "F4"));
}

AnsiConsole.Write(table);
foreach (var (name, e) in methods)
    Console.WriteLine($"markdown: | {name} | {F(e.Metrics.MeanAbsoluteScaledError, "F3")} | {F(e.Metrics.SymmetricMeanAbsolutePercentageError, "F2")} | {F(e.Metrics.MeanAbsoluteError, "F1")} | " +
        $"{F(Of(e, 0.8f).Observed * 100, "F1")} | {F(Of(e, 0.95f).Observed * 100, "F1")} | {F(Of(e, 0.8f).MeanWidth, "F1")} | {F(Of(e, 0.95f).MeanWidth, "F1")} | {F(e.WeightedQuantileLoss ?? double.NaN, "F4")} |");

var perIndustry = new Table().Title("MASE per industry").AddColumn("industry");
foreach (var (name, _) in methods)
    perIndustry.AddColumn(new TableColumn(name).RightAligned());
foreach (var id in industries)
    perIndustry.AddRow([Markup.Escape(id), .. methods.Select(m => F(m.Evaluation.PerSeries[id].MeanAbsoluteScaledError, "F3"))]);
AnsiConsole.Write(perIndustry);

double Mase(string name) => methods.Single(m => m.Name == name).Evaluation.Metrics.MeanAbsoluteScaledError;
bool beats = Mase("RNN, global") < Mase("seasonal naive") && Mase("RNN, global") < Mase("FastTree (global, per step)");
AnsiConsole.MarkupLine($"Global RNN MASE {F(Mase("RNN, global"), "F3")}: {(beats ? "[green]below[/]" : "[red]not below[/]")} seasonal naive ({F(Mase("seasonal naive"), "F3")}) and FastTree ({F(Mase("FastTree (global, per step)"), "F3")}). " +
    $"Coverage 80%: {F(Of(rnn, 0.8f).Observed * 100, "F1")}%, 95%: {F(Of(rnn, 0.95f).Observed * 100, "F1")}% (goal: within 3 points).");

var folder = ModelArtifacts.Folder(settings);
var onnx = Path.Combine(folder, "industry-forecaster.onnx");
forecaster.Save(onnx);
var triton = forecaster.ExportTritonModel(Path.Combine(folder, "triton"), "industry_unemployment");
AnsiConsole.WriteLine($"Forecaster: {onnx} (history, calendar and series index in; forecast and quantiles out). Triton model: {triton}.");
AnsiConsole.WriteLine($"Global RNN training {rnnSeconds:F0} s ({history.Epochs.Count} epochs over {options.EnsembleSize} members), per-series RNNs {perSeriesSeconds:F0} s, FastTree {treeSeconds:F0} s; wall time {clock.Elapsed.TotalSeconds:F0} s.");
return 0;
