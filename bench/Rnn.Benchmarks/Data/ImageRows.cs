using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.Benchmarks.Data;

/// <summary>One row of the MNIST-shaped workload: 28 steps of 28 features, a class name as label.</summary>
internal sealed class ImageRow
{
    public const int Steps = 28;
    public const int StepWidth = 28;
    public const int Classes = 10;

    [VectorType(Steps * StepWidth)]
    public float[] Features { get; set; } = [];

    public string Label { get; set; } = "";
}

/// <summary>In-memory rows of random 28×28 "images" (content does not matter for timing), labels cycling over ten classes.</summary>
internal static class ImageRows
{
    public static ImageRow[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new ImageRow[count];
        for (int i = 0; i < count; i++)
        {
            var features = new float[ImageRow.Steps * ImageRow.StepWidth];
            for (int j = 0; j < features.Length; j++)
                features[j] = random.NextSingle();
            rows[i] = new ImageRow { Features = features, Label = (i % ImageRow.Classes).ToString(CultureInfo.InvariantCulture) };
        }

        return rows;
    }

    /// <summary>The rows as a data view with a key-typed Label, as a pipeline's MapValueToKey would give the trainer.</summary>
    public static IDataView Keyed(MLContext ml, ImageRow[] rows)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        return ml.Transforms.Conversion.MapValueToKey(nameof(ImageRow.Label)).Fit(data).Transform(data);
    }
}
