// Predict the next integer of a rolled sequence: 0..9 rolled by k gives [k, k+1, ..., k+9] mod 10;
// the first nine values are the input (nine steps of one feature), the last is the label.
// Data sizes follow the original tutorial: 1024 training and 256 test sequences.
using System.Diagnostics;
using Microsoft.ML;
using Rnn.Examples.Common;
using Rnn.MLNet;
using Rnn.Onnx;
using Spectre.Console;

const int SequenceLength = 10;
var clock = Stopwatch.StartNew();
var settings = ExampleArguments.Parse(args);
var mlContext = new MLContext(seed: 1);

var train = mlContext.Data.LoadFromEnumerable(RolledSequences.Generate(SequenceLength, count: 1024, seed: 1337));
var test = mlContext.Data.LoadFromEnumerable(RolledSequences.Generate(SequenceLength, count: 256, seed: 7));

var options = new RnnTrainerOptions
{
    CellType = RnnCellType.Tanh, // the tutorial's cell, with a usable width and batched training
    InputSize = 1,
    HiddenSize = 32,
    Epochs = 30,
    BatchSize = 32,
    LearningRate = 0.01f,
    Seed = 1,
};

// No normaliser: the exported ONNX model then takes the raw integers, as other apps will send them. Built inside the
// display's call: the trainer copies its options when created, progress reporting included.
var pipeline = () => mlContext.Transforms.Conversion.MapValueToKey("Label")
    .Append(mlContext.MulticlassClassification.Trainers.Rnn(options))
    .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

AnsiConsole.MarkupLine($"[bold]Rolled integer sequences[/]: {SequenceLength - 1} steps in, next integer out; Elman tanh RNN, hidden {options.HiddenSize}.");
var model = TrainingDisplay.Run(options, () => pipeline().Fit(train), out var history);

var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(test));
AnsiConsole.MarkupLine($"Test accuracy: [bold]{metrics.MicroAccuracy:P2}[/] on {256} sequences (the tutorial reached 60.2%).");

var engine = mlContext.Model.CreatePredictionEngine<IntegerSequence, NextInteger>(model);
foreach (var example in RolledSequences.Generate(SequenceLength, count: 3, seed: 99))
{
    var next = engine.Predict(example).PredictedLabel;
    AnsiConsole.WriteLine($"  {string.Join(", ", example.Features)} -> {next} (expected {example.Label})");
}

var rnn = model.OfType<RnnTransformer>().Single();
var (onnx, zip) = ModelArtifacts.Save(mlContext, model, rnn, train.Schema, settings, "integer-sequences");
var curves = Path.Combine(ModelArtifacts.Folder(settings), "integer-sequences-training.png");
TrainingCharts.SaveCurves(history, curves, "Rolled integer sequences, Elman tanh RNN");
AnsiConsole.WriteLine($"Training curves: {curves}");
AnsiConsole.WriteLine($"Saved {onnx} (score it: dotnet run --project examples/OnnxScoring -- --model {onnx} --values 3,4,5,6,7,8,9,0,1) and {zip}.");
AnsiConsole.WriteLine($"Wall time: {clock.Elapsed.TotalSeconds:F1} s");
return metrics.MicroAccuracy == 1.0 ? 0 : 1;

/// <summary>Nine integers in, the tenth as the label.</summary>
public sealed class IntegerSequence
{
    [Microsoft.ML.Data.VectorType(9)]
    public float[] Features { get; set; } = [];

    public float Label { get; set; }
}

/// <summary>The model's answer.</summary>
public sealed class NextInteger
{
    public float PredictedLabel { get; set; }
}

/// <summary>Generates rolled copies of 0..n-1.</summary>
public static class RolledSequences
{
    public static IEnumerable<IntegerSequence> Generate(int length, int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            int roll = random.Next(length);
            var values = Enumerable.Range(0, length).Select(v => (float)((v + roll) % length)).ToArray();
            yield return new IntegerSequence { Features = values[..^1], Label = values[^1] };
        }
    }
}
