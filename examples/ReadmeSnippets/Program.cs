// Runs the README's code on tiny synthetic data (sequences of two classes told apart by the sign of their mean, numeric
// targets, a seasonal series, three related monthly series), so the snippets are known to compile and run: dotnet run --project examples/ReadmeSnippets
using Microsoft.ML;
using Rnn.MLNet;
using ReadmeSnippets;

var folder = Directory.CreateTempSubdirectory("rnn-mlnet-readme-").FullName;
var mlContext = new MLContext(seed: 1);
var train = mlContext.Data.LoadFromEnumerable(Synthetic(200, seed: 1));
var test = mlContext.Data.LoadFromEnumerable(Synthetic(50, seed: 2));
Quickstart.Run(train, test, folder);

var trained = RnnModelFile.LoadTransformer(mlContext, Path.Combine(folder, "model.zip"));
string onnx = Path.Combine(folder, "model.onnx");
trained.ExportOnnx(onnx);
OnnxScoring.Run(onnx, Synthetic(1, seed: 3)[0].Features);
OnnxScoring.RunInt8(trained.Network, onnx, folder, Synthetic(1, seed: 3)[0].Features);
Serving.Run(trained, onnx, Synthetic(1, seed: 3)[0].Features, folder);
Regression.Run(mlContext, mlContext.Data.LoadFromEnumerable(Numeric(300, seed: 4)), mlContext.Data.LoadFromEnumerable(Numeric(100, seed: 5)));
var days = Days(1_200, seed: 6);
Forecasting.Run(mlContext, mlContext.Data.LoadFromEnumerable(days[..^366]), mlContext.Data.LoadFromEnumerable(days),
    [.. days[..^366].Select(d => d.Births)], [.. days[..^352].SelectMany(d => new[] { d.Saturday, d.Sunday, d.Holiday })], folder);
var panelRows = PanelForecasting.Synthetic(72, seed: 7);
var construction = panelRows.Where(r => r.Industry == "Construction").ToArray();
PanelForecasting.Run(mlContext, mlContext.Data.LoadFromEnumerable(panelRows), [.. construction[^12..].Select(r => r.Count)],
    [.. construction[^12..].Concat(construction[..12]).SelectMany(r => new[] { r.MonthSin, r.MonthCos })]);
Directory.Delete(folder, recursive: true);

// The label is 100 + 10 × the sum of each step's first value, so the whole sequence matters.
static NumericSequenceRow[] Numeric(int count, int seed)
{
    var random = new Random(seed);
    return [.. Enumerable.Range(0, count).Select(_ =>
    {
        var values = new float[random.Next(2, 7) * 3];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(random.NextDouble() * 2 - 1);
        return new NumericSequenceRow { Features = values, Label = 100 + 10 * values.Where((_, i) => i % 3 == 0).Sum() };
    })];
}

// Around 1000 a day, 30% fewer on weekends and 25% fewer on one random day in 60 ("holidays").
static DayRow[] Days(int count, int seed)
{
    var random = new Random(seed);
    return [.. Enumerable.Range(0, count).Select(t =>
    {
        bool saturday = t % 7 == 5, sunday = t % 7 == 6, holiday = random.Next(60) == 0;
        float births = 1000 * (saturday || sunday ? 0.7f : 1f) * (holiday ? 0.75f : 1f) + 20 * (float)random.NextDouble();
        return new DayRow { Births = births, Saturday = saturday ? 1 : 0, Sunday = sunday ? 1 : 0, Holiday = holiday ? 1 : 0 };
    })];
}

static SequenceRow[] Synthetic(int count, int seed)
{
    var random = new Random(seed);
    return [.. Enumerable.Range(0, count).Select(_ =>
    {
        bool positive = random.Next(2) == 1;
        var values = new float[random.Next(2, 6) * 28];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(random.NextDouble() - (positive ? 0.3 : 0.7));
        return new SequenceRow { Features = values, Label = positive ? "up" : "down" };
    })];
}
