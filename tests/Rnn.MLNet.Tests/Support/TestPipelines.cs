using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet.Tests;

/// <summary>Shared fixtures: a keyed training and test set of the synthetic task.</summary>
internal static class TestPipelines
{
    public static (IDataView Train, IDataView Test) KeyedSplit(MLContext mlContext, int trainRows = 384, int testRows = 200, int minSteps = 2, int maxSteps = 6)
    {
        var train = SyntheticSequences.Load(mlContext, SyntheticSequences.Generate(trainRows, minSteps, maxSteps, seed: 11));
        var test = SyntheticSequences.Load(mlContext, SyntheticSequences.Generate(testRows, minSteps, maxSteps, seed: 12));
        var keys = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(train);
        return (keys.Transform(train), keys.Transform(test));
    }

    /// <summary>Every row's Score values, in row order.</summary>
    public static float[] Scores(IDataView scored) =>
        [.. scored.GetColumn<float[]>("Score").SelectMany(s => s)];

    public static double Accuracy(MLContext mlContext, ITransformer model, IDataView test) =>
        mlContext.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy;
}
