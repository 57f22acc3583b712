using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet.Tests;

/// <summary>One labelled sequence for tests: Features holds steps × InputSize values.</summary>
public sealed class SequenceRow
{
    public float[] Features { get; set; } = [];

    public string Label { get; set; } = "";
}

/// <summary>
/// Tiny synthetic sequence task: the class is the feature whose values sum highest over all steps,
/// so a model must integrate the whole sequence. Noise keeps it from being trivial per step.
/// </summary>
public static class SyntheticSequences
{
    public const int InputSize = 3;

    public static SequenceRow[] Generate(int count, int minSteps, int maxSteps, int seed)
    {
        var random = new Random(seed);
        var rows = new SequenceRow[count];
        for (int r = 0; r < count; r++)
        {
            int steps = random.Next(minSteps, maxSteps + 1);
            var values = new float[steps * InputSize];
            var sums = new float[InputSize];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)(random.NextDouble() * 2 - 1);
                sums[i % InputSize] += values[i];
            }

            int best = Array.IndexOf(sums, sums.Max());
            rows[r] = new SequenceRow { Features = values, Label = "class" + best };
        }

        return rows;
    }

    /// <summary>Loads rows as a data view whose Features column is a variable-size vector.</summary>
    public static IDataView Load(MLContext mlContext, IEnumerable<SequenceRow> rows) =>
        mlContext.Data.LoadFromEnumerable(rows);

    /// <summary>Loads rows as a data view whose Features column is a known-size vector of <paramref name="size"/>.</summary>
    public static IDataView LoadFixed(MLContext mlContext, IEnumerable<SequenceRow> rows, int size)
    {
        var definition = SchemaDefinition.Create(typeof(SequenceRow));
        definition[nameof(SequenceRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        return mlContext.Data.LoadFromEnumerable(rows, definition);
    }

    /// <summary>Options that train the task quickly.</summary>
    public static RnnTrainerOptions FastOptions(RnnCellType cell = RnnCellType.Lstm) => new()
    {
        InputSize = InputSize,
        CellType = cell,
        HiddenSize = 16,
        Epochs = 12,
        BatchSize = 32,
        LearningRate = 0.02f,
        Seed = 7,
        Device = "cpu",
    };
}
