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
        var scalarLabel = _label.PerStep || _label.IsRegression ? null : KeyGetter.Create(cursor, _label.Column);
        var targets = _label.IsRegression ? new RegressionTargetReader(cursor, _label) : null;
        var vectorLabel = _label.PerStep ? cursor.GetGetter<VBuffer<uint>>(_label.Column) : null;
        VBuffer<uint> stepLabels = default;
        long rows = 0;
        int chunks = 0;
        long? total = _data.GetRowCount();
        _chunk.Clear();

        while (cursor.MoveNext())
        {
            if ((rows & 255) == 0)
                cancellation.ThrowIfCancellationRequested();
            int label = scalarLabel is null ? 0 : SequenceRowChecks.ClassIndex(scalarLabel(), _label.ClassCount, _label.Column.Name, cursor.Position);
            int steps = features.AppendTo(_chunk, cursor.Position, label);
            targets?.Read(_chunk.TargetsOfLast(_label.TargetCount), cursor.Position);
            if (vectorLabel is not null)
            {
                vectorLabel(ref stepLabels);
                FillStepLabels(stepLabels, steps, _chunk.StepLabelsOfLast(), cursor.Position);
            }

            rows++;
            if (rows == 1 && total is > 1)
                ReserveLike(_chunk, Math.Min(total.Value, _maxRows));
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
    private void ReserveLike(SequenceChunk chunk, long expectedRows)
    {
        long values = Math.Min(MaxChunkValues, expectedRows * chunk.ValueCount);
        chunk.Reserve((int)expectedRows, values, expectedRows * chunk.StepCount, _label.PerStep, _input.IsTokens);
    }

    private void FillStepLabels(in VBuffer<uint> keys, int steps, Span<int> target, long row)
    {
        if (keys.Length != steps)
            throw new InvalidOperationException(
                $"Label column '{_label.Column.Name}', row {row}: {keys.Length} labels for a sequence of {steps} steps in feature column '{_input.Column.Name}'; expected one label per step.");
        int step = 0;
        foreach (var key in keys.DenseValues())
            target[step++] = SequenceRowChecks.ClassIndex(key, _label.ClassCount, _label.Column.Name, row);
    }
}
