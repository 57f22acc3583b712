// Learn "hihell" -> "ihello": at every character, predict the next one (the tutorial's per-character task).
// Characters are tokens fed one-hot (an index lookup); the label is one character per step.
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Rnn.Examples.Common;
using Rnn.MLNet;
using Rnn.Onnx;
using Spectre.Console;

var clock = Stopwatch.StartNew();
var settings = ExampleArguments.Parse(args);
string input = settings.GetString("input", "hihell");
string target = settings.GetString("target", "ihello");
var mlContext = new MLContext(seed: 1);
var data = mlContext.Data.LoadFromEnumerable(new[] { new CharacterPair { Text = input, Next = target } });

var options = new RnnTrainerOptions
{
    CellType = RnnCellType.Lstm,
    EmbeddingSize = 0, // one-hot characters
    HiddenSize = settings.GetInt("hidden", 8),
    Epochs = settings.GetInt("epochs", 60),
    BatchSize = 1,
    LearningRate = 0.05f,
    Seed = 1,
};

// Characters become keys without a hand-written splitter; the label uses its own character vocabulary. Built inside
// the display's call: the trainer copies its options when created, progress reporting included.
var pipeline = () => mlContext.Transforms.Text.VocabularyOneHot("Features", nameof(CharacterPair.Text), TextTokenization.Characters)
    .Append(mlContext.Transforms.Text.VocabularyOneHot("Label", nameof(CharacterPair.Next), TextTokenization.Characters))
    .Append(mlContext.Rnn().SequenceLabeling(options))
    .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedCharacters", "PredictedLabel"));

AnsiConsole.MarkupLine($"[bold]Character tagging[/]: \"{input}\" -> \"{target}\", LSTM {options.HiddenSize} over one-hot characters.");
var model = TrainingDisplay.Run(options, () => pipeline().Fit(data), out var history);

var predicted = mlContext.Data.CreateEnumerable<Prediction>(model.Transform(data), reuseRowObject: false).Single();
string output = string.Concat(predicted.PredictedCharacters);
AnsiConsole.MarkupLine($"Predicted: [bold]{output}[/] ({(output == target ? "correct" : $"expected {target}")})");

var rnn = model.OfType<RnnTransformer>().Single();
var (onnx, zip) = ModelArtifacts.Save(mlContext, model, rnn, data.Schema, settings, "character-tagging");
using (var scorer = new RnnOnnxScorer(onnx))
{
    var tags = scorer.TagTokens([.. input.Select(c => c.ToString())]);
    AnsiConsole.WriteLine($"From {Path.GetFileName(onnx)} with RnnOnnxScorer: {string.Concat(tags.Select(t => t.PredictedLabel))}");
}

var curves = Path.Combine(ModelArtifacts.Folder(settings), "character-tagging-training.png");
TrainingCharts.SaveCurves(history, curves, $"\"{input}\" -> \"{target}\", LSTM {options.HiddenSize}");
AnsiConsole.WriteLine($"Saved {onnx}, {zip} and {curves}. Wall time: {clock.Elapsed.TotalSeconds:F1} s");
return output == target ? 0 : 1;

/// <summary>A text and the text of its next characters.</summary>
public sealed class CharacterPair
{
    public string Text { get; set; } = "";

    public string Next { get; set; } = "";
}

/// <summary>The predicted next character at every step.</summary>
public sealed class Prediction
{
    public string[] PredictedCharacters { get; set; } = [];
}
