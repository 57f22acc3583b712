namespace Rnn.Onnx;

/// <summary>
/// One probabilistic forecast: the quantiles of every horizon step (never crossing), the median as the point forecast,
/// and the bounds of each interval the quantile levels give (e.g. an 80% interval from the 0.1 and 0.9 quantiles).
/// </summary>
public sealed class RnnQuantileForecast
{
    private readonly float[] _values;
    private readonly ForecastQuantiles _quantiles;

    internal RnnQuantileForecast(ForecastQuantiles quantiles, float[] values)
    {
        _quantiles = quantiles;
        _values = values;
    }

    /// <summary>The quantile levels, increasing (0.5 among them).</summary>
    public IReadOnlyList<float> Levels => _quantiles.Levels;

    /// <summary>Steps forecast.</summary>
    public int Horizon => _quantiles.Horizon;

    /// <summary>The coverages of the intervals available, narrowest first (0.8 for levels 0.1 and 0.9).</summary>
    public IReadOnlyList<float> Coverages => _quantiles.Coverages;

    /// <summary>The point forecast: the median of every step.</summary>
    public float[] Point => Column(_quantiles.MedianIndex);

    /// <summary>Quantile <paramref name="level"/> at every step.</summary>
    /// <exception cref="ArgumentException">The forecaster does not predict that level.</exception>
    public float[] Quantile(float level)
    {
        for (int q = 0; q < _quantiles.Count; q++)
        {
            if (MathF.Abs(_quantiles.Levels[q] - level) < 1e-6f)
                return Column(q);
        }

        throw new ArgumentException($"Level {level} is not one of the forecaster's quantiles ({string.Join(", ", _quantiles.Levels)}).", nameof(level));
    }

    /// <summary>The lower bound of the interval with <paramref name="coverage"/> at every step.</summary>
    /// <exception cref="ArgumentException">No pair of levels gives that coverage.</exception>
    public float[] Lower(float coverage) => Column(_quantiles.Interval(coverage).Lower);

    /// <summary>The upper bound of the interval with <paramref name="coverage"/> at every step.</summary>
    /// <exception cref="ArgumentException">No pair of levels gives that coverage.</exception>
    public float[] Upper(float coverage) => Column(_quantiles.Interval(coverage).Upper);

    /// <summary>All quantiles, [Horizon, levels] step-major.</summary>
    public ReadOnlySpan<float> Values => _values;

    private float[] Column(int q)
    {
        var column = new float[Horizon];
        for (int h = 0; h < Horizon; h++)
            column[h] = _values[h * _quantiles.Count + q];
        return column;
    }
}
