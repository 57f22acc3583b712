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
        var moments = new RunningMoments(width);
        long rows = 0;
        while (cursor.MoveNext())
        {
            if ((rows & 1023) == 0)
                cancellation.ThrowIfCancellationRequested();
            reader.Read(values, cursor.Position);
            rows++;
            for (int i = 0; i < width; i++)
                moments.Add(i, values[i]);
        }

        if (rows == 0)
            throw new InvalidOperationException("The training data has no rows.");
        return new TargetScaling(moments.Means(), moments.Scales());
    }

    /// <summary>The description's form of the scaling, with the targets' names.</summary>
    public Rnn.Onnx.RegressionTargets Describe(IReadOnlyList<string> names) => new(names, Means, Scales);
}
