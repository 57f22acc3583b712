using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// A series read once from its data view into flat arrays: one value per row and, with covariates, one row of covariates
/// per step. Windows for training, forecasting and evaluation are views into these arrays, never copies of the series.
/// </summary>
internal sealed class ForecastSeries
{
    private ForecastSeries(float[] values, float[] covariates, int covariateCount, string seriesColumn, IReadOnlyList<string> covariateColumns)
    {
        Values = values;
        Covariates = covariates;
        CovariateCount = covariateCount;
        SeriesColumn = seriesColumn;
        CovariateColumns = covariateColumns;
    }

    public float[] Values { get; }

    /// <summary>[rows, CovariateCount], row-major.</summary>
    public float[] Covariates { get; }

    public int CovariateCount { get; }

    public int Length => Values.Length;

    public string SeriesColumn { get; }

    public IReadOnlyList<string> CovariateColumns { get; }

    /// <summary>The covariates of rows <paramref name="first"/> .. first + count − 1.</summary>
    public ReadOnlySpan<float> CovariatesOf(int first, int count) => Covariates.AsSpan(first * CovariateCount, count * CovariateCount);

    /// <summary>True when the row's value and covariates are all numbers (no gap).</summary>
    public bool IsComplete(int row)
    {
        if (float.IsNaN(Values[row]))
            return false;
        foreach (var c in CovariatesOf(row, 1))
        {
            if (float.IsNaN(c))
                return false;
        }

        return true;
    }

    /// <summary>
    /// Reads the series and covariate columns (all <c>Single</c>) in row order, checking that the time column (if any) increases
    /// strictly, that no value is infinite, and (unless gaps are allowed) that none is NaN.
    /// </summary>
    public static ForecastSeries Read(IDataView data, string seriesColumn, IReadOnlyList<string> covariateColumns, string? timeColumn, bool allowGaps)
    {
        var schema = data.Schema;
        var series = SingleColumn(schema, seriesColumn, "The series column", "Series");
        var covariates = covariateColumns.Select(name => SingleColumn(schema, name, "The covariate column", "Covariate")).ToArray();
        DataViewSchema.Column? time = timeColumn is null ? null : ColumnLookup.Find(schema, timeColumn, "The time column");
        var needed = new List<DataViewSchema.Column> { series };
        needed.AddRange(covariates);
        if (time is { } t)
            needed.Add(t);

        using var cursor = data.GetRowCursor(needed);
        var valueGetter = cursor.GetGetter<float>(series);
        var covariateGetters = covariates.Select(c => cursor.GetGetter<float>(c)).ToArray();
        var timeReader = time is { } column ? TimeReader.Create(cursor, column) : null;
        var values = new List<float>();
        var extra = new List<float>();
        (double Value, string Text)? previous = null;
        float value = 0;
        while (cursor.MoveNext())
        {
            long row = cursor.Position;
            valueGetter(ref value);
            Check(value, series.Name, row, allowGaps);
            values.Add(value);
            for (int i = 0; i < covariateGetters.Length; i++)
            {
                covariateGetters[i](ref value);
                Check(value, covariates[i].Name, row, allowGaps);
                extra.Add(value);
            }

            if (timeReader is not null)
            {
                var now = timeReader();
                if (previous is { } before && !(now.Value > before.Value))
                    throw new InvalidOperationException(
                        $"Time column '{time!.Value.Name}', row {row}: {now.Text} does not come after row {row - 1}'s {before.Text}; " +
                        "the series must be one row per time step in strictly increasing time order (sort it, and drop duplicate steps).");
                previous = now;
            }
        }

        if (values.Count == 0)
            throw new InvalidOperationException($"The series in column '{series.Name}' has no rows; a forecaster needs at least WindowSize + Horizon steps.");
        return new ForecastSeries([.. values], [.. extra], covariates.Length, series.Name, [.. covariateColumns]);
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

    private static void Check(float value, string column, long row, bool allowGaps)
    {
        if (float.IsInfinity(value) || (float.IsNaN(value) && !allowGaps))
            throw new InvalidOperationException(
                $"Column '{column}', row {row}: the value is {value.ToString(CultureInfo.InvariantCulture)}; " +
                (float.IsNaN(value)
                    ? "the series has a gap. Fill it, or set RnnForecasterOptions.Gaps = SkipWindows to train on the windows without gaps."
                    : "series values and covariates must be finite numbers (NaN marks a gap)."));
    }
}
