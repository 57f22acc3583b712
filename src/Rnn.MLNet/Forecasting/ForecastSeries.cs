namespace Rnn.MLNet;

/// <summary>
/// One series read from its data view into flat arrays: its values, one row of covariates per step, its static covariates,
/// and the data view rows it came from. Windows for training, forecasting and evaluation are views into these arrays,
/// never copies of the series.
/// </summary>
internal sealed class ForecastSeries
{
    public ForecastSeries(string id, float[] values, float[] covariates, int covariateCount, float[] statics, long[] rows, string seriesColumn)
    {
        Id = id;
        Values = values;
        Covariates = covariates;
        CovariateCount = covariateCount;
        Statics = statics;
        Rows = rows;
        SeriesColumn = seriesColumn;
    }

    /// <summary>The series id ("" for the one series of a one-series view).</summary>
    public string Id { get; }

    public float[] Values { get; }

    /// <summary>[rows, CovariateCount], row-major.</summary>
    public float[] Covariates { get; }

    public int CovariateCount { get; }

    /// <summary>The series' static covariates (constant over its rows).</summary>
    public float[] Statics { get; }

    /// <summary>Per step, the position of its row in the data view.</summary>
    public long[] Rows { get; }

    public int Length => Values.Length;

    public string SeriesColumn { get; }

    /// <summary>Names the series in messages: "series 'Mining'", or the column for a one-series view.</summary>
    public string Describe() => Id.Length == 0 ? $"series column '{SeriesColumn}'" : $"series '{Id}' of column '{SeriesColumn}'";

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

    /// <summary>Mean absolute value of the steps before <paramref name="end"/> (NaN left out): the series' scale, at least <see cref="ForecastPanel.MinimumScale"/>.</summary>
    public float MeanAbsolute(int end)
    {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < end; i++)
        {
            if (float.IsNaN(Values[i]))
                continue;
            sum += Math.Abs(Values[i]);
            count++;
        }

        return (float)Math.Max(count == 0 ? 1 : sum / count, ForecastPanel.MinimumScale);
    }
}
