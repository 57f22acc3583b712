using System.Globalization;

namespace Rnn.Onnx;

/// <summary>
/// The series a many-series forecaster was trained on: their ids (a forecast names one), each series' scale (its values
/// are divided by it before the network reads them and forecasts are multiplied by it, so series whose levels differ by
/// orders of magnitude train alike) and its static covariates (constant within a series, standardised, read at every
/// step). Immutable.
/// </summary>
public sealed class ForecastPanel
{
    private readonly Dictionary<string, int> _index;

    /// <summary>Checks and copies the table.</summary>
    /// <param name="seriesIds">Distinct, non-null ids, one per series.</param>
    /// <param name="seriesScales">Per series, its scale: finite and &gt; 0 (1 where series are not scaled).</param>
    /// <param name="unknownSeries">What a forecast for an id not in the table does.</param>
    /// <param name="staticCovariateNames">Names of the static covariates; empty for none.</param>
    /// <param name="staticCovariates">[series, static covariates] raw values, row-major.</param>
    /// <param name="staticMeans">Per static covariate, its mean over the series.</param>
    /// <param name="staticScales">Per static covariate, its standard deviation over the series; finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">An id is null or repeated, a scale or statistic is not finite or not positive, or a list has the wrong length.</exception>
    public ForecastPanel(
        IReadOnlyList<string> seriesIds, ReadOnlySpan<float> seriesScales, RnnUnknownSeries unknownSeries = RnnUnknownSeries.FromHistory,
        IReadOnlyList<string>? staticCovariateNames = null, ReadOnlySpan<float> staticCovariates = default,
        ReadOnlySpan<float> staticMeans = default, ReadOnlySpan<float> staticScales = default)
    {
        ArgumentNullException.ThrowIfNull(seriesIds);
        var ids = seriesIds.ToArray();
        if (ids.Length == 0)
            throw new ArgumentException("A panel needs at least one series.", nameof(seriesIds));
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] is null)
                throw new ArgumentException($"Series id {i} is null.", nameof(seriesIds));
            if (!_index.TryAdd(ids[i], i))
                throw new ArgumentException($"Series id '{ids[i]}' appears twice.", nameof(seriesIds));
        }

        if (seriesScales.Length != ids.Length)
            throw new ArgumentException($"{seriesScales.Length} scales for {ids.Length} series; expected one per series.", nameof(seriesScales));
        for (int i = 0; i < ids.Length; i++)
        {
            if (!float.IsFinite(seriesScales[i]) || seriesScales[i] <= 0)
                throw new ArgumentException($"Series '{ids[i]}' has scale {seriesScales[i].ToString(CultureInfo.InvariantCulture)}; expected a finite number > 0.", nameof(seriesScales));
        }

        if (!Enum.IsDefined(unknownSeries))
            throw new ArgumentException($"Unknown-series policy {unknownSeries} is not one of {string.Join(", ", Enum.GetNames<RnnUnknownSeries>())}.", nameof(unknownSeries));
        var names = (staticCovariateNames ?? []).ToArray();
        if (Array.IndexOf(names, null) is int missing and >= 0)
            throw new ArgumentException($"Static covariate name {missing} is null.", nameof(staticCovariateNames));
        int s = names.Length;
        if (staticCovariates.Length != ids.Length * s || staticMeans.Length != s || staticScales.Length != s)
            throw new ArgumentException(
                $"{staticCovariates.Length} static covariate values, {staticMeans.Length} means and {staticScales.Length} scales for {ids.Length} series × {s} static covariates.");
        foreach (var v in staticCovariates)
        {
            if (!float.IsFinite(v))
                throw new ArgumentException($"A static covariate value is {v.ToString(CultureInfo.InvariantCulture)}; expected finite numbers.", nameof(staticCovariates));
        }

        for (int k = 0; k < s; k++)
        {
            if (!float.IsFinite(staticMeans[k]) || !float.IsFinite(staticScales[k]) || staticScales[k] <= 0)
                throw new ArgumentException($"Static covariate '{names[k]}' has mean {staticMeans[k]} and scale {staticScales[k]}; expected finite numbers and a scale > 0.");
        }

        SeriesIds = Array.AsReadOnly(ids);
        SeriesScales = seriesScales.ToArray();
        UnknownSeries = unknownSeries;
        StaticCovariateNames = Array.AsReadOnly(names);
        StaticCovariates = staticCovariates.ToArray();
        StaticMeans = staticMeans.ToArray();
        StaticScales = staticScales.ToArray();
    }

    /// <summary>The series' ids, in index order.</summary>
    public IReadOnlyList<string> SeriesIds { get; }

    /// <summary>Number of series.</summary>
    public int Count => SeriesIds.Count;

    /// <summary>Per series, its scale.</summary>
    public ReadOnlyMemory<float> SeriesScales { get; }

    /// <summary>What a forecast for an unknown id does.</summary>
    public RnnUnknownSeries UnknownSeries { get; }

    /// <summary>Names of the static covariates (empty: none).</summary>
    public IReadOnlyList<string> StaticCovariateNames { get; }

    /// <summary>Static covariates per step of the network's input.</summary>
    public int StaticCovariateCount => StaticCovariateNames.Count;

    /// <summary>[series, static covariates] raw values.</summary>
    public ReadOnlyMemory<float> StaticCovariates { get; }

    /// <summary>Per static covariate, its mean over the series.</summary>
    public ReadOnlyMemory<float> StaticMeans { get; }

    /// <summary>Per static covariate, its standard deviation over the series.</summary>
    public ReadOnlyMemory<float> StaticScales { get; }

    /// <summary>
    /// The index the graph reads for <paramref name="seriesId"/>: its position, or <see cref="Count"/> (the "unknown" row) for
    /// an id not in the table when <see cref="UnknownSeries"/> allows it.
    /// </summary>
    /// <exception cref="ArgumentException">The id is unknown and <see cref="UnknownSeries"/> is <see cref="RnnUnknownSeries.Refuse"/>.</exception>
    public int IndexOf(string seriesId)
    {
        ArgumentNullException.ThrowIfNull(seriesId);
        if (_index.TryGetValue(seriesId, out int index))
            return index;
        if (UnknownSeries == RnnUnknownSeries.Refuse)
            throw new ArgumentException(
                $"Series id '{seriesId}' was not among the {Count} series this forecaster was trained on (e.g. {string.Join(", ", SeriesIds.Take(3).Select(i => $"'{i}'"))}); " +
                "it refuses unknown ids (UnknownSeries = Refuse).", nameof(seriesId));
        return Count;
    }

    /// <summary>Whether <paramref name="seriesId"/> is one of the training series.</summary>
    public bool Contains(string seriesId) => _index.ContainsKey(seriesId);

    /// <summary>The standardised static covariates of series <paramref name="index"/>; for the unknown row (<see cref="Count"/>), their average over the series.</summary>
    public float[] StandardisedStatics(int index)
    {
        int s = StaticCovariateCount;
        var values = new float[s];
        var means = StaticMeans.Span;
        var scales = StaticScales.Span;
        var table = StaticCovariates.Span;
        for (int k = 0; k < s; k++)
        {
            if (index < Count)
            {
                values[k] = (table[index * s + k] - means[k]) / scales[k];
                continue;
            }

            double sum = 0;
            for (int i = 0; i < Count; i++)
                sum += (table[i * s + k] - means[k]) / scales[k];
            values[k] = (float)(sum / Count);
        }

        return values;
    }

    /// <summary>
    /// The scale of series <paramref name="index"/>, or for the unknown row the mean absolute value of <paramref name="window"/>
    /// (at least 1e-6), as the graph takes it.
    /// </summary>
    public float ScaleOf(int index, ReadOnlySpan<float> window)
    {
        if (index < Count)
            return SeriesScales.Span[index];
        double sum = 0;
        foreach (var v in window)
            sum += Math.Abs(v);
        return (float)Math.Max(sum / window.Length, MinimumScale);
    }

    /// <summary>Smallest scale taken from a window, so a window of zeros still divides.</summary>
    public const float MinimumScale = 1e-6f;
}
