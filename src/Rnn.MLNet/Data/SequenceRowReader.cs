using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// Reads one row's feature column into a chunk, validating it: float steps (finite, a whole number of steps) or
/// token keys (each within the vocabulary; 0 = unknown). Shared by training and scoring.
/// </summary>
internal sealed class SequenceRowReader
{
    private readonly SequenceInput _input;
    private readonly ValueGetter<VBuffer<float>>? _floats;
    private readonly ValueGetter<VBuffer<uint>>? _tokens;
    private VBuffer<float> _floatBuffer;
    private VBuffer<uint> _tokenBuffer;
    private float[] _dense = [];

    public SequenceRowReader(DataViewRow row, SequenceInput input)
    {
        _input = input;
        if (input.IsTokens)
            _tokens = row.GetGetter<VBuffer<uint>>(input.Column);
        else
            _floats = row.GetGetter<VBuffer<float>>(input.Column);
    }

    /// <summary>Appends the current row's features to <paramref name="chunk"/> with the given label; returns its steps.</summary>
    public int AppendTo(SequenceChunk chunk, long rowPosition, int label = 0)
    {
        int steps = AppendCore(chunk, rowPosition, label);
        if (_input.MaximumSteps > 0 && steps > _input.MaximumSteps)
            throw new InvalidOperationException(
                $"Feature column '{_input.Column.Name}', row {rowPosition}: the sequence has {steps} steps, more than MaximumSequenceLength = {_input.MaximumSteps}.");
        return steps;
    }

    private int AppendCore(SequenceChunk chunk, long rowPosition, int label)
    {
        if (_tokens is not null)
        {
            _tokens(ref _tokenBuffer);
            int steps = _tokenBuffer.Length;
            if (steps == 0)
                throw new InvalidOperationException(
                    $"Feature column '{_input.Column.Name}', row {rowPosition}: the token sequence is empty; every row needs at least one token.");
            var target = chunk.AppendTokens(steps, label);
            target.Clear();
            var values = _tokenBuffer.GetValues();
            var indices = _tokenBuffer.GetIndices();
            for (int i = 0; i < values.Length; i++)
            {
                uint key = values[i];
                if (key > (uint)_input.MaxTokenIndex)
                    throw new InvalidOperationException(
                        $"Feature column '{_input.Column.Name}', row {rowPosition}: token key {key} at step {(_tokenBuffer.IsDense ? i : indices[i])} is outside 0..{_input.MaxTokenIndex} (0 = unknown token).");
                target[_tokenBuffer.IsDense ? i : indices[i]] = (int)key;
            }

            return steps;
        }

        _floats!(ref _floatBuffer);
        var dense = Dense(_floatBuffer);
        int count = SequenceRowChecks.Steps(dense, _input.ValuesPerStep, _input.Column.Name, rowPosition);
        dense.CopyTo(chunk.Append(dense.Length, count, label));
        return count;
    }

    private ReadOnlySpan<float> Dense(in VBuffer<float> buffer)
    {
        if (buffer.IsDense)
            return buffer.GetValues();
        if (_dense.Length < buffer.Length)
            _dense = new float[buffer.Length];
        var span = _dense.AsSpan(0, buffer.Length);
        buffer.CopyTo(span);
        return span;
    }
}
