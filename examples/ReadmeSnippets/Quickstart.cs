using Microsoft.ML;
using Rnn.MLNet;
using Rnn.Onnx;

namespace ReadmeSnippets;

/// <summary>The README's first example: a sequence classifier in an ML.NET pipeline, evaluated, saved and used for one prediction.</summary>
internal static class Quickstart
{
    public static void Run(IDataView train, IDataView test, string folder)
    {
        string modelPath = Path.Combine(folder, "model.zip");
        // snippet: quickstart
        var mlContext = new MLContext(seed: 1);
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.Rnn(new RnnTrainerOptions
            {
                InputSize = 28,                 // features per time step: a row of n values is n / 28 steps
                CellType = RnnCellType.Lstm,
                HiddenSize = 128,
                Epochs = 12,
            }))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

        var model = pipeline.Fit(train);                          // IDataView with Features and Label columns
        var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(test));
        mlContext.Model.Save(model, train.Schema, modelPath);     // ML.NET's own format; loads anywhere
        var engine = mlContext.Model.CreatePredictionEngine<SequenceRow, SequencePrediction>(model);
        // end snippet
        var first = mlContext.Data.CreateEnumerable<SequenceRow>(test, reuseRowObject: false).First();
        Console.WriteLine($"quickstart: accuracy {metrics.MicroAccuracy:P1}; first test row predicted {engine.Predict(first).PredictedLabel} (label {first.Label}).");
    }
}

/// <summary>One sequence: steps × 28 values, and its class.</summary>
public sealed class SequenceRow
{
    public float[] Features { get; set; } = [];

    public string Label { get; set; } = "";
}

/// <summary>What the pipeline predicts for one sequence.</summary>
public sealed class SequencePrediction
{
    public float[] Score { get; set; } = [];

    public string PredictedLabel { get; set; } = "";
}
