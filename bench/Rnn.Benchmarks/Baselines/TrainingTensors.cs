using Rnn.Benchmarks.Data;
using static TorchSharp.torch;

namespace Rnn.Benchmarks.Baselines;

/// <summary>The same rows Rnn.MLNet trains on, as the [rows, steps, features] and [rows] tensors a bare loop starts from.</summary>
internal static class TrainingTensors
{
    public static (Tensor X, Tensor Y) From(ImageRow[] rows)
    {
        int width = ImageRow.Steps * ImageRow.StepWidth;
        var values = new float[rows.Length * width];
        var labels = new long[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i].Features.CopyTo(values, i * width);
            labels[i] = long.Parse(rows[i].Label, System.Globalization.CultureInfo.InvariantCulture);
        }

        return (tensor(values, [rows.Length, ImageRow.Steps, ImageRow.StepWidth]), tensor(labels));
    }
}
