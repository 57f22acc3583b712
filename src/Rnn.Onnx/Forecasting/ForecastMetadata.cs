using System.Globalization;
using System.Text.Json;
using Rnn.Onnx.Metadata;

namespace Rnn.Onnx.Forecasting;

/// <summary>
/// A forecaster's window settings as its metadata states them: written after its network's standard entries, and read back
/// with every problem an <see cref="InvalidDataException"/> naming the model.
/// </summary>
internal sealed record ForecastMetadata(
    int WindowSize, int Horizon, RnnForecastLevel Level, IReadOnlyList<string> CovariateNames, int StepsPerNetworkStep, int SeasonLength, int EnsembleSize)
{
    /// <summary>Series ids of a many-series forecaster, else null.</summary>
    public IReadOnlyList<string>? SeriesIds { get; init; }

    public RnnUnknownSeries UnknownSeries { get; init; }

    public IReadOnlyList<string> StaticCovariateNames { get; init; } = [];

    /// <summary>Quantile levels of a probabilistic forecaster, else null.</summary>
    public IReadOnlyList<float>? QuantileLevels { get; init; }

    /// <summary>The standard entries of a forecaster: its network's, marked as a forecaster, plus the window settings (and the series and quantiles when it has them).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Write(
        RecurrentNetworkDescription network, ForecastWindow window, int ensembleSize, IDictionary<string, string>? extra, ForecastPanel? panel = null, ForecastQuantiles? quantiles = null)
    {
        var inv = CultureInfo.InvariantCulture;
        bool extended = panel is not null || quantiles is not null;
        var entries = MetadataWriter.Build(network, OnnxInputLayout.Batched, extra)
            .Select(e => e.Key switch
            {
                // 6: a series input and/or a quantiles output, which readers of format 4 and 5 would not feed or read.
                RnnOnnxMetadata.FormatVersion => new(e.Key, extended ? "6" : network.InputSkip is null ? "4" : "5"),
                RnnOnnxMetadata.Task => new(e.Key, "forecasting"),
                _ => e,
            })
            .ToList();
        entries.Add(new(RnnOnnxMetadata.ForecastWindowSize, window.WindowSize.ToString(inv)));
        entries.Add(new(RnnOnnxMetadata.ForecastHorizon, window.Horizon.ToString(inv)));
        entries.Add(new(RnnOnnxMetadata.ForecastLevel, RnnOnnxMetadata.LevelName(window.Level)));
        entries.Add(new(RnnOnnxMetadata.ForecastCovariates, JsonSerializer.Serialize(window.CovariateNames)));
        entries.Add(new(RnnOnnxMetadata.ForecastStepsPerNetworkStep, window.StepsPerNetworkStep.ToString(inv)));
        entries.Add(new(RnnOnnxMetadata.ForecastSeasonLength, window.SeasonLength.ToString(inv)));
        entries.Add(new(RnnOnnxMetadata.ForecastEnsembleSize, ensembleSize.ToString(inv)));
        if (panel is not null)
        {
            entries.Add(new(RnnOnnxMetadata.ForecastSeries, JsonSerializer.Serialize(panel.SeriesIds)));
            entries.Add(new(RnnOnnxMetadata.ForecastUnknownSeries, RnnOnnxMetadata.UnknownSeriesName(panel.UnknownSeries)));
            entries.Add(new(RnnOnnxMetadata.ForecastStaticCovariates, JsonSerializer.Serialize(panel.StaticCovariateNames)));
        }

        if (quantiles is not null)
            entries.Add(new(RnnOnnxMetadata.ForecastQuantiles, JsonSerializer.Serialize(quantiles.Levels)));
        return entries;
    }

    /// <summary>Reads a forecaster's window settings back from its metadata.</summary>
    public static ForecastMetadata Read(IReadOnlyDictionary<string, string> metadata, string source) => ReadWindow(metadata, source) with
    {
        SeriesIds = metadata.ContainsKey(RnnOnnxMetadata.ForecastSeries) ? Strings(metadata, RnnOnnxMetadata.ForecastSeries, source) : null,
        UnknownSeries = metadata.GetValueOrDefault(RnnOnnxMetadata.ForecastUnknownSeries) is not { } policy ? RnnUnknownSeries.FromHistory
            : Enum.GetValues<RnnUnknownSeries>().Cast<RnnUnknownSeries?>().FirstOrDefault(p => RnnOnnxMetadata.UnknownSeriesName(p!.Value) == policy)
              ?? throw Bad(metadata, RnnOnnxMetadata.ForecastUnknownSeries, source, "from_history or refuse"),
        StaticCovariateNames = metadata.ContainsKey(RnnOnnxMetadata.ForecastStaticCovariates) ? Strings(metadata, RnnOnnxMetadata.ForecastStaticCovariates, source) : [],
        QuantileLevels = metadata.ContainsKey(RnnOnnxMetadata.ForecastQuantiles) ? Levels(metadata, source) : null,
    };

    private static ForecastMetadata ReadWindow(IReadOnlyDictionary<string, string> metadata, string source) => new(
        Positive(metadata, RnnOnnxMetadata.ForecastWindowSize, source),
        Positive(metadata, RnnOnnxMetadata.ForecastHorizon, source),
        Enum.GetValues<RnnForecastLevel>().Where(l => RnnOnnxMetadata.LevelName(l) == metadata.GetValueOrDefault(RnnOnnxMetadata.ForecastLevel))
            .Cast<RnnForecastLevel?>().FirstOrDefault()
            ?? throw Bad(metadata, RnnOnnxMetadata.ForecastLevel, source, "none, last_value, window_mean, window_mean_ratio or differences"),
        Strings(metadata, RnnOnnxMetadata.ForecastCovariates, source),
        Positive(metadata, RnnOnnxMetadata.ForecastStepsPerNetworkStep, source),
        NonNegative(metadata, RnnOnnxMetadata.ForecastSeasonLength, source),
        Positive(metadata, RnnOnnxMetadata.ForecastEnsembleSize, source));

    private static int NonNegative(IReadOnlyDictionary<string, string> metadata, string key, string source) =>
        int.TryParse(metadata.GetValueOrDefault(key), NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Bad(metadata, key, source, "a whole number ≥ 0");

    private static int Positive(IReadOnlyDictionary<string, string> metadata, string key, string source) =>
        int.TryParse(metadata.GetValueOrDefault(key), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw Bad(metadata, key, source, "a positive integer");

    private static IReadOnlyList<string> Strings(IReadOnlyDictionary<string, string> metadata, string key, string source)
    {
        try
        {
            if (JsonSerializer.Deserialize<string[]>(metadata.GetValueOrDefault(key) ?? "") is { } names && names.All(n => n is not null))
                return Array.AsReadOnly(names);
        }
        catch (JsonException)
        {
        }

        throw Bad(metadata, key, source, "a JSON array of strings");
    }

    private static IReadOnlyList<float> Levels(IReadOnlyDictionary<string, string> metadata, string source)
    {
        try
        {
            if (JsonSerializer.Deserialize<float[]>(metadata.GetValueOrDefault(RnnOnnxMetadata.ForecastQuantiles) ?? "") is { } levels)
            {
                ForecastQuantiles.Check(levels);
                return Array.AsReadOnly(levels);
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
        }

        throw Bad(metadata, RnnOnnxMetadata.ForecastQuantiles, source, "a JSON array of quantile levels in (0, 1), increasing, symmetric around 0.5");
    }

    private static InvalidDataException Bad(IReadOnlyDictionary<string, string> metadata, string key, string source, string expected) =>
        new($"{source} has '{key}' = '{metadata.GetValueOrDefault(key)}' in its metadata; expected {expected}.");
}
