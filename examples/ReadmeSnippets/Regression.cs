using Microsoft.ML;
using Rnn.MLNet;
using Rnn.Onnx;

namespace ReadmeSnippets;

/// <summary>The README's regression example: a numeric target from a sequence, evaluated with ML.NET's own regression metrics.</summary>
internal static class Regression
{
    public static void Run(MLContext mlContext, IDataView sequences, IDataView heldOut)
    {
        // snippet: regression
        var regressor = mlContext.Regression.Trainers.Rnn(new RnnTrainerOptions
        {
            InputSize = 3,                  // features per step
            CellType = RnnCellType.Gru,
            Epochs = 15,
        });
        var fitted = regressor.Fit(sequences);                    // Label: Single (or a known-size vector of Single)
        var quality = mlContext.Regression.Evaluate(fitted.Transform(heldOut));
        // end snippet
        Console.WriteLine($"regression: R² {quality.RSquared:F3}, MAE {quality.MeanAbsoluteError:F2} (labels around 100).");
    }
}

/// <summary>One sequence of steps × 3 values and its numeric label.</summary>
public sealed class NumericSequenceRow
{
    public float[] Features { get; set; } = [];

    public float Label { get; set; }
}
