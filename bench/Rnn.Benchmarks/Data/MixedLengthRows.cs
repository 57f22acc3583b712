using Microsoft.ML;

namespace Rnn.Benchmarks.Data;

/// <summary>One row of the variable-length workload: steps × <see cref="MixedLengthRows.StepWidth"/> floats and a class name.</summary>
internal sealed class MixedLengthRow
{
    public float[] Features { get; set; } = [];

    public string Label { get; set; } = "";
}

/// <summary>
/// Rows of 16 random features per step, either all of one length or of lengths spread evenly over a range around it,
/// with the same total number of steps: the pairs of lengths drawn sum to twice the mean, so both sets hold exactly
/// rows × mean real steps and a training pass over either does the same recurrent work when nothing is padded.
/// </summary>
internal static class MixedLengthRows
{
    public const int StepWidth = 16;
    public const int Classes = 4;

    /// <param name="count">Rows (even).</param>
    /// <param name="meanSteps">Every row's length when <paramref name="spread"/> is 0, else the mean length.</param>
    /// <param name="spread">Lengths are drawn from meanSteps ± spread (pairs mirrored around the mean), in a shuffled order.</param>
    /// <param name="seed">Seed of the values, lengths and order.</param>
    public static MixedLengthRow[] Generate(int count, int meanSteps, int spread, int seed)
    {
        if (count % 2 != 0 || spread >= meanSteps)
            throw new ArgumentException($"Need an even row count and spread < mean (got {count} rows, {meanSteps} ± {spread}).");
        var random = new Random(seed);
        var lengths = new int[count];
        for (int i = 0; i < count; i += 2)
        {
            int offset = random.Next(-spread, spread + 1);
            lengths[i] = meanSteps + offset;
            lengths[i + 1] = meanSteps - offset;
        }

        random.Shuffle(lengths);
        var rows = new MixedLengthRow[count];
        for (int i = 0; i < count; i++)
        {
            var features = new float[lengths[i] * StepWidth];
            for (int j = 0; j < features.Length; j++)
                features[j] = random.NextSingle() * 2 - 1;
            // Content does not matter for timing; a label the first step decides keeps the loss meaningful.
            rows[i] = new MixedLengthRow { Features = features, Label = "c" + (int)((features[0] + 1) * Classes / 2.0001f) };
        }

        return rows;
    }

    /// <summary>The rows as a data view with a variable-size Features vector and a key-typed Label.</summary>
    public static IDataView Keyed(MLContext ml, MixedLengthRow[] rows)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        return ml.Transforms.Conversion.MapValueToKey(nameof(MixedLengthRow.Label)).Fit(data).Transform(data);
    }
}
