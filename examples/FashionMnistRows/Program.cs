// Fashion-MNIST read row by row: each 28×28 image is 28 time steps of 28 pixels, classified by an
// LSTM from the last step. Fetches the data set itself (Debian package dataset-fashion-mnist, no root).
// Usage: dotnet run -c Release [-- --epochs N --hidden N --cell Lstm|Gru|Tanh|Relu --layers N --train-rows N]
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Rnn.Examples.Common;
using Rnn.MLNet;
using Rnn.Onnx;
using Spectre.Console;

var clock = Stopwatch.StartNew();
var settings = ExampleArguments.Parse(args);
var mlContext = new MLContext(seed: 1);

AnsiConsole.MarkupLine("[bold]Fashion-MNIST, row by row[/]: 28 steps of 28 pixels per image.");
FashionMnistSplit train = null!, test = null!;
AnsiConsole.Status().Start("Fetching Fashion-MNIST (Debian package dataset-fashion-mnist)...", status =>
{
    train = FashionMnist.Load("train", message => status.Status(Markup.Escape(message)));
    test = FashionMnist.Load("test");
});
if (settings.GetInt("train-rows", train.Count) is var rows && rows < train.Count)
    train = train.Take(rows);
AnsiConsole.WriteLine($"Data ready: {train.Count} training and {test.Count} test images ({clock.Elapsed.TotalSeconds:F1} s).");

var options = new RnnTrainerOptions
{
    FeatureColumnName = nameof(FashionImage.Pixels),
    CellType = Enum.Parse<RnnCellType>(settings.GetString("cell", "Lstm"), ignoreCase: true),
    InputSize = FashionMnistSplit.Width,
    HiddenSize = settings.GetInt("hidden", 128),
    NumLayers = settings.GetInt("layers", 2),
    Epochs = settings.GetInt("epochs", 15),
    BatchSize = 128,
    LearningRate = 2e-3f,
    GradientClipNorm = 5f,
    Seed = 1,
};

var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
    .Append(mlContext.MulticlassClassification.Trainers.Rnn(options))
    .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

AnsiConsole.MarkupLine($"Training {options.CellType} ×{options.NumLayers}, hidden {options.HiddenSize}, batch {options.BatchSize}, Adam lr {options.LearningRate}, {options.Epochs} epochs.");
var trainData = mlContext.Data.LoadFromEnumerable(FashionImage.From(train));
var trainClock = Stopwatch.StartNew();
var model = TrainingDisplay.Run(options, () => pipeline.Fit(trainData), out var history);
var trainSeconds = trainClock.Elapsed.TotalSeconds;

var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(mlContext.Data.LoadFromEnumerable(FashionImage.From(test))));
Console.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());
AnsiConsole.MarkupLine($"Test accuracy: [bold]{metrics.MicroAccuracy:P2}[/] (macro {metrics.MacroAccuracy:P2}, log-loss {metrics.LogLoss:F4}) on {test.Count} images.");
var rnn = model.OfType<RnnTransformer>().Single();
var (onnx, zip) = ModelArtifacts.Save(mlContext, model, rnn, trainData.Schema, settings, "fashion-mnist-rows");
var curves = Path.Combine(ModelArtifacts.Folder(settings), "fashion-mnist-rows-training.png");
var confusion = Path.Combine(ModelArtifacts.Folder(settings), "fashion-mnist-rows-confusion.png");
TrainingCharts.SaveCurves(history, curves, $"Fashion-MNIST rows, {options.CellType} x{options.NumLayers} {options.HiddenSize}");
TrainingCharts.SaveConfusionMatrix(metrics.ConfusionMatrix, rnn.ClassNames, confusion, $"Fashion-MNIST test set, accuracy {metrics.MicroAccuracy:P2}");
AnsiConsole.WriteLine($"Charts: {curves}, {confusion}.");
AnsiConsole.WriteLine($"Saved {onnx} (score images with examples/OnnxScoring) and {zip}.");
AnsiConsole.WriteLine($"Training took {trainSeconds:F0} s; wall time {clock.Elapsed.TotalSeconds:F0} s.");
return 0;

/// <summary>One image as ML.NET sees it: 784 pixels (28 rows of 28) and the class name.</summary>
public sealed class FashionImage
{
    [VectorType(FashionMnistSplit.PixelCount)]
    public float[] Pixels { get; set; } = [];

    public string Label { get; set; } = "";

    public static IEnumerable<FashionImage> From(FashionMnistSplit split) =>
        Enumerable.Range(0, split.Count).Select(i => new FashionImage { Pixels = split.Pixels[i], Label = FashionMnistSplit.ClassNames[split.Labels[i]] });
}
