using Microsoft.ML;

namespace Rnn.MLNet;

/// <summary>The lazy output of <see cref="RnnTransformer.Transform"/>.</summary>
internal sealed class RnnScoredDataView : IDataView
{
    private readonly RnnTransformer _transformer;
    private readonly IDataView _input;
    private readonly ScoredSchema _schema;

    public RnnScoredDataView(RnnTransformer transformer, IDataView input, ScoredSchema schema)
    {
        _transformer = transformer;
        _input = input;
        _schema = schema;
    }

    // Scoring reads ahead with a second cursor that must visit rows in the same order as the first.
    public bool CanShuffle => false;

    public DataViewSchema Schema => _schema.Output;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        var inputColumns = _schema.InputColumnsFor(needed, out bool needsScores);
        var main = _input.GetRowCursor(inputColumns);
        var lookahead = needsScores ? _input.GetRowCursor([_schema.Features]) : null;
        return new RnnScoredCursor(_transformer, _schema, main, lookahead, needed);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
