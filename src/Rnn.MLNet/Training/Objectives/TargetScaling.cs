using Microsoft.ML;

namespace Rnn.MLNet;

/// <summary>
/// Per-target mean and standard deviation of a regressor's training labels, measured in one pass over the label column
/// before training (which also refuses NaN, infinities and wrongly sized rows, naming the row).
/// </summary>
internal sealed record TargetScaling(float[] Means, float[] Scales)
{
    public static TargetScaling Measure(IDataView data, SequenceLabel label, CancellationToken cancellation)
    {
        int width = label.TargetCount;
        using var cursor = data.GetRowCursor([label.Column]);
        var reader = new RegressionTargetReader(cursor, label);
        var values = new float[width];
        var mean = new double[width];
        var squares = new double[width];
        long rows = 0;
        while (cursor.MoveNext())
        {
            if ((rows & 1023) == 0)
                cancellation.ThrowIfCancellationRequested();
            reader.Read(values, cursor.Position);
            rows++;
            // Welford's update: stable for targets far from zero (births per day, prices).
            for (int i = 0; i < width; i++)
            {
                double delta = values[i] - mean[i];
                mean[i] += delta / rows;
                squares[i] += delta * (values[i] - mean[i]);
            }
        }

        if (rows == 0)
            throw new InvalidOperationException("The training data has no rows.");
        var scales = new float[width];
        for (int i = 0; i < width; i++)
        {
            // A constant target has nothing to scale: 1 keeps it as is.
            double deviation = Math.Sqrt(squares[i] / rows);
            scales[i] = deviation > 0 && double.IsFinite(deviation) ? (float)deviation : 1f;
        }

        return new TargetScaling([.. mean.Select(m => (float)m)], scales);
    }

    /// <summary>The description's form of the scaling, with the targets' names.</summary>
    public Rnn.Onnx.RegressionTargets Describe(IReadOnlyList<string> names) => new(names, Means, Scales);
}
