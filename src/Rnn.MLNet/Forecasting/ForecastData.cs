using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// Every series of a data view, read once in row order: one series per id (in the order ids first appear; rows of a series
/// in time order, series grouped or interleaved), or the whole view as one series when there is no id column. Checks as it
/// reads: types, finite values (NaN marks a gap), strictly increasing time within each series, and static covariates
/// constant within each series.
/// </summary>
internal sealed class ForecastData
{
    private ForecastData(IReadOnlyList<ForecastSeries> series, IReadOnlyList<string> covariateColumns, IReadOnlyList<string> staticColumns)
    {
        Series = series;
        CovariateColumns = covariateColumns;
        StaticColumns = staticColumns;
    }

    public IReadOnlyList<ForecastSeries> Series { get; }

    public IReadOnlyList<string> CovariateColumns { get; }

    public IReadOnlyList<string> StaticColumns { get; }

    public int CovariateCount => CovariateColumns.Count;

    /// <summary>Static covariate names given to the series' ids (<see cref="WithSeriesIdentity"/>): they cannot clash with a column's, which has no '#'.</summary>
    public const string IdentityPrefix = "series#";

    /// <summary>
    /// The same series with each one's id appended to its static covariates as a one-hot vector over every series, in series order
    /// (the forecaster's series embedding reads them).
    /// </summary>
    public ForecastData WithSeriesIdentity()
    {
        int count = Series.Count;
        var series = Series.Select((s, k) =>
        {
            var identity = new float[count];
            identity[k] = 1f;
            return new ForecastSeries(s.Id, s.Values, s.Covariates, s.CovariateCount, [.. s.Statics, .. identity], s.Rows, s.SeriesColumn);
        }).ToArray();
        return new ForecastData(series, CovariateColumns, [.. StaticColumns, .. Enumerable.Range(0, count).Select(k => IdentityPrefix + k.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    /// <summary>Reads <paramref name="data"/>; <paramref name="columns"/> names what to read.</summary>
    /// <param name="data">The view.</param>
    /// <param name="columns">The series, covariate, static, time and id columns.</param>
    /// <param name="allowGaps">Whether NaN values and covariates are allowed (gaps); static covariates may never be NaN.</param>
    public static ForecastData Read(IDataView data, ForecasterColumns columns, bool allowGaps)
    {
        var schema = data.Schema;
        var series = SingleColumn(schema, columns.Series, "The series column", "Series");
        var covariates = columns.Covariates.Select(name => SingleColumn(schema, name, "The covariate column", "Covariate")).ToArray();
        var statics = columns.Statics.Select(name => SingleColumn(schema, name, "The static covariate column", "Static covariate")).ToArray();
        DataViewSchema.Column? time = columns.Time is null ? null : ColumnLookup.Find(schema, columns.Time, "The time column");
        DataViewSchema.Column? id = columns.SeriesId is null ? null : ColumnLookup.Find(schema, columns.SeriesId, "The series id column");
        var needed = new List<DataViewSchema.Column> { series };
        needed.AddRange(covariates);
        needed.AddRange(statics);
        if (time is { } t)
            needed.Add(t);
        if (id is { } i)
            needed.Add(i);

        using var cursor = data.GetRowCursor(needed);
        var valueGetter = cursor.GetGetter<float>(series);
        var covariateGetters = covariates.Select(c => cursor.GetGetter<float>(c)).ToArray();
        var staticGetters = statics.Select(c => cursor.GetGetter<float>(c)).ToArray();
        var timeReader = time is { } timeColumn ? TimeReader.Create(cursor, timeColumn) : null;
        var idReader = id is { } idColumn ? SeriesIdReader.Create(cursor, idColumn) : null;
        var builders = new List<Builder>();
        var byId = new Dictionary<string, Builder>(StringComparer.Ordinal);
        var staticRow = new float[statics.Length];
        float value = 0;
        while (cursor.MoveNext())
        {
            long row = cursor.Position;
            string seriesId = idReader?.Invoke(row) ?? "";
            if (!byId.TryGetValue(seriesId, out var builder))
            {
                builder = new Builder(seriesId);
                byId[seriesId] = builder;
                builders.Add(builder);
            }

            valueGetter(ref value);
            Check(value, series.Name, row, seriesId, allowGaps);
            builder.Values.Add(value);
            builder.Rows.Add(row);
            for (int c = 0; c < covariateGetters.Length; c++)
            {
                covariateGetters[c](ref value);
                Check(value, covariates[c].Name, row, seriesId, allowGaps);
                builder.Covariates.Add(value);
            }

            for (int s = 0; s < staticGetters.Length; s++)
            {
                staticGetters[s](ref value);
                Check(value, statics[s].Name, row, seriesId, allowGaps: false);
                staticRow[s] = value;
            }

            builder.CheckStatics(staticRow, statics, row);
            if (timeReader is not null)
                builder.CheckTime(timeReader(), time!.Value.Name, row);
        }

        if (builders.Count == 0)
            throw new InvalidOperationException($"The series in column '{series.Name}' has no rows; a forecaster needs at least WindowSize + Horizon steps.");
        return new ForecastData(
            [.. builders.Select(b => new ForecastSeries(b.Id, [.. b.Values], [.. b.Covariates], covariates.Length, b.Statics ?? [], [.. b.Rows], series.Name))],
            [.. columns.Covariates], [.. columns.Statics]);
    }

    private static DataViewSchema.Column SingleColumn(DataViewSchema schema, string name, string description, string kind)
    {
        var column = ColumnLookup.Find(schema, name, description);
        if (column.Type != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"{kind} column '{name}' has type {column.Type}; expected Single (one value per row, i.e. per time step). " +
                $"Convert it with mlContext.Transforms.Conversion.ConvertType(\"{name}\", outputKind: DataKind.Single).");
        return column;
    }

    private static void Check(float value, string column, long row, string seriesId, bool allowGaps)
    {
        if (float.IsInfinity(value) || (float.IsNaN(value) && !allowGaps))
            throw new InvalidOperationException(
                $"Column '{column}', row {row}{(seriesId.Length > 0 ? $" (series '{seriesId}')" : "")}: the value is {value.ToString(CultureInfo.InvariantCulture)}; " +
                (float.IsNaN(value)
                    ? allowGaps ? "static covariates must be numbers in every row." : "the series has a gap. Fill it, or set RnnForecasterOptions.Gaps = SkipWindows to train on the windows without gaps."
                    : "series values and covariates must be finite numbers (NaN marks a gap)."));
    }

    /// <summary>One series as it is read.</summary>
    private sealed class Builder(string id)
    {
        private (double Value, string Text, long Row)? _previous;

        public string Id { get; } = id;

        public List<float> Values { get; } = [];

        public List<float> Covariates { get; } = [];

        public List<long> Rows { get; } = [];

        public float[]? Statics { get; private set; }

        public void CheckTime((double Value, string Text) now, string column, long row)
        {
            if (_previous is { } before && !(now.Value > before.Value))
                throw new InvalidOperationException(
                    $"Time column '{column}', row {row}{(Id.Length > 0 ? $" (series '{Id}')" : "")}: {now.Text} does not come after row {before.Row}'s {before.Text}; " +
                    $"{(Id.Length > 0 ? "each series" : "the series")} must be one row per time step in strictly increasing time order (sort it, and drop duplicate steps).");
            _previous = (now.Value, now.Text, row);
        }

        public void CheckStatics(float[] values, DataViewSchema.Column[] columns, long row)
        {
            if (Statics is null)
            {
                Statics = [.. values];
                return;
            }

            for (int s = 0; s < values.Length; s++)
            {
                if (values[s] != Statics[s])
                    throw new InvalidOperationException(
                        $"Static covariate column '{columns[s].Name}', row {row}: series '{Id}' has {values[s].ToString(CultureInfo.InvariantCulture)} here but " +
                        $"{Statics[s].ToString(CultureInfo.InvariantCulture)} in its first row; a static covariate must be constant within each series " +
                        "(use CovariateColumnNames for values that change over time).");
            }
        }
    }
}
