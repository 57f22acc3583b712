using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// Streams labelled sequences out of an <see cref="IDataView"/> in bounded chunks, validating every row,
/// so training never holds more than one chunk of the data set in memory.
/// </summary>
internal sealed class SequenceReader
{
    // A chunk stops growing past this many floats (1 GiB) even if the row budget is not reached.
    private const long MaxChunkValues = 256L * 1024 * 1024;

    private readonly IDataView _data;
    private readonly DataViewSchema.Column _features;
    private readonly DataViewSchema.Column _label;
    private readonly int _inputSize;
    private readonly int _classCount;
    private readonly int _maxRows;
    private readonly SequenceChunk _chunk = new();
    private float[] _rowBuffer = new float[256];

    public SequenceReader(IDataView data, DataViewSchema.Column features, DataViewSchema.Column label, int inputSize, int classCount, int maxRows)
    {
        _data = data;
        _features = features;
        _label = label;
        _inputSize = inputSize;
        _classCount = classCount;
        _maxRows = maxRows;
    }

    /// <summary>Rows read by the last complete pass, or null before one finished.</summary>
    public long? RowsPerPass { get; private set; }

    /// <summary>Yields the data set as consecutive chunks; the same chunk object is refilled, so consume each before the next.</summary>
    public IEnumerable<SequenceChunk> ReadChunks()
    {
        using var cursor = _data.GetRowCursor([_features, _label]);
        var featureGetter = cursor.GetGetter<VBuffer<float>>(_features);
        var labelGetter = KeyGetter.Create(cursor, _label);
        VBuffer<float> features = default;
        long rows = 0;
        _chunk.Clear();

        while (cursor.MoveNext())
        {
            featureGetter(ref features);
            var values = Dense(features);
            int steps = SequenceRowChecks.Steps(values, _inputSize, _features.Name, cursor.Position);
            int label = SequenceRowChecks.ClassIndex(labelGetter(), _classCount, _label.Name, cursor.Position);
            values.CopyTo(_chunk.Append(values.Length, steps, label));
            rows++;

            if (_chunk.Count >= _maxRows || _chunk.ValueCount >= MaxChunkValues)
            {
                yield return _chunk;
                _chunk.Clear();
            }
        }

        if (_chunk.Count > 0)
            yield return _chunk;
        if (rows == 0)
            throw new InvalidOperationException("The training data has no rows.");
        RowsPerPass = rows;
    }

    private ReadOnlySpan<float> Dense(in VBuffer<float> buffer)
    {
        if (buffer.IsDense)
            return buffer.GetValues();
        if (_rowBuffer.Length < buffer.Length)
            _rowBuffer = new float[buffer.Length];
        var dense = _rowBuffer.AsSpan(0, buffer.Length);
        buffer.CopyTo(dense);
        return dense;
    }
}
