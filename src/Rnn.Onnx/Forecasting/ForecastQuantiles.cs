using System.Globalization;

namespace Rnn.Onnx;

/// <summary>
/// The quantiles a probabilistic forecaster predicts at every horizon step, and the conformal adjustments that make its
/// intervals hold their stated coverage (conformalized quantile regression): each interval of a pair of quantiles
/// symmetric around the median is widened (or narrowed) by an amount per horizon step measured on held-out windows.
/// Levels are sorted and include 0.5, the median, which is the point forecast. Immutable.
/// </summary>
/// <remarks>
/// The network predicts the median and, outward from it, positive gaps to each next quantile (softplus of its raw outputs),
/// so predicted quantiles never cross; the adjustments are in the forecaster's scaled units (after per-series scaling,
/// before the level is put back), one per horizon step and quantile: −a below the median, +a above, 0 at the median.
/// </remarks>
public sealed class ForecastQuantiles
{
    /// <summary>Checks and copies the levels and adjustments.</summary>
    /// <param name="levels">Quantile levels in (0, 1), strictly increasing, including 0.5; lower and upper levels in pairs symmetric around 0.5.</param>
    /// <param name="horizon">Steps forecast.</param>
    /// <param name="adjustments">[horizon, levels] conformal adjustments, or empty for none (all 0).</param>
    /// <exception cref="ArgumentException">A level is outside (0, 1), unsorted or repeated, 0.5 is missing, the levels are not symmetric, or the adjustments have the wrong length or are not finite.</exception>
    public ForecastQuantiles(IReadOnlyList<float> levels, int horizon, ReadOnlySpan<float> adjustments = default)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        Check(levels);
        Levels = Array.AsReadOnly(levels.ToArray());
        Horizon = horizon;
        MedianIndex = levels.ToList().IndexOf(0.5f);
        if (!adjustments.IsEmpty && adjustments.Length != horizon * levels.Count)
            throw new ArgumentException($"{adjustments.Length} adjustments; expected Horizon × levels = {horizon} × {levels.Count}, or none.", nameof(adjustments));
        foreach (var a in adjustments)
        {
            if (!float.IsFinite(a))
                throw new ArgumentException($"Adjustment {a.ToString(CultureInfo.InvariantCulture)} is not a finite number.", nameof(adjustments));
        }

        Adjustments = adjustments.IsEmpty ? new float[horizon * levels.Count] : adjustments.ToArray();
    }

    /// <summary>Quantile levels, increasing (0.5 among them).</summary>
    public IReadOnlyList<float> Levels { get; }

    /// <summary>Number of quantiles per horizon step.</summary>
    public int Count => Levels.Count;

    /// <summary>Steps forecast.</summary>
    public int Horizon { get; }

    /// <summary>Index of the median (0.5) in <see cref="Levels"/>.</summary>
    public int MedianIndex { get; }

    /// <summary>[Horizon, Count] conformal adjustments in scaled units, added to each quantile (negative below the median widens downwards).</summary>
    public ReadOnlyMemory<float> Adjustments { get; }

    /// <summary>The coverages the pairs of levels give, narrowest first: 0.8 for the pair (0.1, 0.9).</summary>
    public IReadOnlyList<float> Coverages =>
        [.. Enumerable.Range(0, MedianIndex).Reverse().Select(i => Levels[Count - 1 - i] - Levels[i])];

    /// <summary>Indexes of the lower and upper quantile whose interval has <paramref name="coverage"/> (e.g. 0.8 for levels 0.1 and 0.9).</summary>
    /// <exception cref="ArgumentException">No pair of levels gives that coverage.</exception>
    public (int Lower, int Upper) Interval(float coverage)
    {
        for (int i = 0; i < MedianIndex; i++)
        {
            if (MathF.Abs(Levels[Count - 1 - i] - Levels[i] - coverage) < 1e-4f)
                return (i, Count - 1 - i);
        }

        throw new ArgumentException(
            $"Coverage {coverage.ToString(CultureInfo.InvariantCulture)} has no pair of quantiles; these levels give {string.Join(", ", Coverages.Select(c => c.ToString("0.###", CultureInfo.InvariantCulture)))}.",
            nameof(coverage));
    }

    /// <summary>The same levels with other adjustments.</summary>
    public ForecastQuantiles WithAdjustments(ReadOnlySpan<float> adjustments) => new(Levels, Horizon, adjustments);

    /// <summary>Checks a list of levels as <see cref="ForecastQuantiles"/> needs it, naming the first bad one.</summary>
    /// <exception cref="ArgumentException">It is not fit.</exception>
    public static void Check(IReadOnlyList<float> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var inv = CultureInfo.InvariantCulture;
        for (int i = 0; i < levels.Count; i++)
        {
            if (!(levels[i] > 0f && levels[i] < 1f))
                throw new ArgumentException($"Quantile level {levels[i].ToString(inv)} is outside (0, 1).", nameof(levels));
            if (i > 0 && !(levels[i] > levels[i - 1]))
                throw new ArgumentException($"Quantile levels must increase: {levels[i].ToString(inv)} follows {levels[i - 1].ToString(inv)}.", nameof(levels));
        }

        int median = levels.ToList().IndexOf(0.5f);
        if (median < 0)
            throw new ArgumentException($"Quantile levels {string.Join(", ", levels.Select(l => l.ToString(inv)))} lack 0.5, the median (the point forecast).", nameof(levels));
        if (median != levels.Count - 1 - median)
            throw new ArgumentException(
                $"Quantile levels {string.Join(", ", levels.Select(l => l.ToString(inv)))} are not in pairs around 0.5 (as many below as above); each interval needs its lower and upper level.", nameof(levels));
        for (int i = 0; i < median; i++)
        {
            if (MathF.Abs(levels[i] + levels[levels.Count - 1 - i] - 1f) > 1e-4f)
                throw new ArgumentException(
                    $"Quantile levels {levels[i].ToString(inv)} and {levels[levels.Count - 1 - i].ToString(inv)} are not symmetric around 0.5 (they should sum to 1).", nameof(levels));
        }
    }
}
