using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet.Tests;

/// <summary>One sequence with a single numeric target.</summary>
public sealed class ScalarTargetRow
{
    public float[] Features { get; set; } = [];

    public float Label { get; set; }
}

/// <summary>One sequence with three numeric targets.</summary>
public sealed class VectorTargetRow
{
    public float[] Features { get; set; } = [];

    [VectorType(SyntheticRegression.Targets)]
    public float[] Label { get; set; } = [];
}

/// <summary>
/// Tiny synthetic regression: steps of <see cref="SyntheticSequences.InputSize"/> values in [-1, 1); the targets need the
/// whole sequence and sit far from 0 on very different scales, so a model that skipped the trainer's standardisation, or
/// forgot to undo it, would be far off: 1000 + 200 × (sum of feature 0), 5 × (mean of feature 1) − 2, 10 × (last step's feature 2).
/// </summary>
public static class SyntheticRegression
{
    public const int Targets = 3;

    public static float[][] Generate(int count, int minSteps, int maxSteps, int seed, out float[][] features)
    {
        var random = new Random(seed);
        features = new float[count][];
        var targets = new float[count][];
        for (int r = 0; r < count; r++)
        {
            int steps = random.Next(minSteps, maxSteps + 1);
            var values = new float[steps * SyntheticSequences.InputSize];
            for (int i = 0; i < values.Length; i++)
                values[i] = (float)(random.NextDouble() * 2 - 1);
            float sum0 = 0, sum1 = 0;
            for (int t = 0; t < steps; t++)
            {
                sum0 += values[t * 3];
                sum1 += values[t * 3 + 1];
            }

            features[r] = values;
            targets[r] = [1000 + 200 * sum0, 5 * sum1 / steps - 2, 10 * values[^1]];
        }

        return targets;
    }

    public static IDataView Scalar(MLContext ml, int count, int seed, int minSteps = 2, int maxSteps = 6)
    {
        var targets = Generate(count, minSteps, maxSteps, seed, out var features);
        return ml.Data.LoadFromEnumerable(features.Select((f, i) => new ScalarTargetRow { Features = f, Label = targets[i][0] }));
    }

    public static IDataView Vector(MLContext ml, int count, int seed, int minSteps = 2, int maxSteps = 6)
    {
        var targets = Generate(count, minSteps, maxSteps, seed, out var features);
        return ml.Data.LoadFromEnumerable(features.Select((f, i) => new VectorTargetRow { Features = f, Label = targets[i] }));
    }

    /// <summary>Options that train the task quickly.</summary>
    public static RnnTrainerOptions FastOptions(RnnCellType cell = RnnCellType.Lstm)
    {
        var options = SyntheticSequences.FastOptions(cell);
        options.Task = SequenceTask.Regression;
        options.Epochs = 10;
        options.LearningRate = 0.01f;
        return options;
    }
}
