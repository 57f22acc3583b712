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
    private readonly SequenceInput _input;
    private readonly SequenceLabel _label;
    private readonly int _maxRows;
    private readonly SequenceChunk _chunk = new();
    private bool _wholePassInChunk;

    public SequenceReader(IDataView data, SequenceInput input, SequenceLabel label, int maxRows)
    {
        _data = data;
        _input = input;
        _label = label;
        _maxRows = maxRows;
    }

    /// <summary>Rows read by the last complete pass, or null before one finished.</summary>
    public long? RowsPerPass { get; private set; }

    /// <summary>
    /// Yields the data set as consecutive chunks; the same chunk object is refilled, so consume each before the next.
    /// A data set that fitted in one chunk is read (and checked) once: later passes get that chunk again.
    /// </summary>
    /// <param name="cancellation">Checked every few hundred rows, so a cancelled Fit does not finish reading a large chunk first.</param>
    public IEnumerable<SequenceChunk> ReadChunks(CancellationToken cancellation = default)
    {
        // Reading the data view again would only copy and check the same rows into the same buffer.
        if (_wholePassInChunk)
        {
            yield return _chunk;
            yield break;
        }

        using var cursor = _data.GetRowCursor([_input.Column, _label.Column]);
        var features = new SequenceRowReader(cursor, _input);
        // The task's head knows what a label is: a class with the row, classes per step, or numeric targets.
        var labels = _label.Head.LabelsOf(cursor, _label, _input.Column.Name);
        long rows = 0;
        int chunks = 0;
        long? total = _data.GetRowCount();
        _chunk.Clear();

        while (cursor.MoveNext())
        {
            if ((rows & 255) == 0)
                cancellation.ThrowIfCancellationRequested();
            int label = labels.RowLabel(cursor.Position);
            int steps = features.AppendTo(_chunk, cursor.Position, label);
            labels.AfterRow(_chunk, steps, cursor.Position);

            rows++;
            if (rows == 1 && total is > 1)
                ReserveLike(_chunk, Math.Min(total.Value, _maxRows), labels.LabelsEveryStep);
            if (_chunk.Count >= _maxRows || _chunk.ValueCount >= MaxChunkValues)
            {
                chunks++;
                yield return _chunk;
                _chunk.Clear();
            }
        }

        if (_chunk.Count > 0)
        {
            chunks++;
            yield return _chunk;
        }

        if (rows == 0)
            throw new InvalidOperationException("The training data has no rows.");
        RowsPerPass = rows;
        _wholePassInChunk = chunks == 1 && _chunk.Count > 0;
    }

    // Sizes a chunk from its first row when the row count is known: exact for fixed-size columns, a first guess
    // (grown by doubling from there) for variable-length rows. Small data sets reserve only what they hold.
    private void ReserveLike(SequenceChunk chunk, long expectedRows, bool stepLabels)
    {
        long values = Math.Min(MaxChunkValues, expectedRows * chunk.ValueCount);
        chunk.Reserve((int)expectedRows, values, expectedRows * chunk.StepCount, stepLabels, _input.IsTokens);
    }
}
