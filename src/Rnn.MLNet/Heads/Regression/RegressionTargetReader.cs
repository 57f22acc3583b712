using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>Reads one row's regression targets from a <c>Single</c> or known-size vector label column, refusing NaN and infinities.</summary>
internal sealed class RegressionTargetReader
{
    private readonly SequenceLabel _label;
    private readonly ValueGetter<float>? _scalar;
    private readonly ValueGetter<VBuffer<float>>? _vector;
    private VBuffer<float> _buffer;

    public RegressionTargetReader(DataViewRow row, SequenceLabel label)
    {
        _label = label;
        if (label.ScalarTarget)
            _scalar = row.GetGetter<float>(label.Column);
        else
            _vector = row.GetGetter<VBuffer<float>>(label.Column);
    }

    /// <summary>Writes the current row's <see cref="SequenceLabel.TargetCount"/> targets into <paramref name="target"/>.</summary>
    public void Read(Span<float> target, long row)
    {
        if (_scalar is not null)
        {
            float value = 0;
            _scalar(ref value);
            target[0] = value;
        }
        else
        {
            _vector!(ref _buffer);
            if (_buffer.Length != target.Length)
                throw new InvalidOperationException(
                    $"Label column '{_label.Column.Name}', row {row}: {_buffer.Length} targets; expected {target.Length} (the column's size).");
            _buffer.CopyTo(target);
        }

        for (int i = 0; i < target.Length; i++)
        {
            if (!float.IsFinite(target[i]))
                throw new InvalidOperationException(
                    $"Label column '{_label.Column.Name}', row {row}: target {(target.Length > 1 ? $"{i} " : "")}is {target[i].ToString(CultureInfo.InvariantCulture)}; " +
                    "regression targets must be finite numbers (filter or impute missing labels before training).");
        }
    }
}
