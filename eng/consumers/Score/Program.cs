// Scores the ONNX file the Train consumer exported, with the Rnn.Onnx package only. Usage: Score <model.onnx>
using System.Globalization;
using Rnn.Onnx;

var path = args.Length > 0 ? args[0] : "model.onnx";
using var scorer = new RnnOnnxScorer(path);
float[][] sequences =
[
    [0.10f, 0.20f, 0.30f, 0.40f, 0.50f, 0.60f],
    [0.90f, 0.80f, 0.65f, 0.50f, 0.40f, 0.30f],
    [0.50f, 0.55f, 0.62f, 0.70f, 0.81f, 0.90f],
];
foreach (var sequence in sequences)
{
    var prediction = scorer.Score(sequence);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"score consumer: [{string.Join(' ', sequence)}] -> {prediction.PredictedLabel} ({prediction.Probabilities.Max():P1})"));
}

var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? "").ToHashSet();
Console.WriteLine($"score consumer: classes {string.Join(", ", scorer.ClassNames)}; ML.NET loaded: {loaded.Contains("Microsoft.ML.Core")}, TorchSharp loaded: {loaded.Contains("TorchSharp")}");
