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
    /// <summary>The standard entries of a forecaster: its network's, marked as a forecaster, plus the window settings.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Write(
        RecurrentNetworkDescription network, ForecastWindow window, int ensembleSize, IDictionary<string, string>? extra)
    {
        var inv = CultureInfo.InvariantCulture;
        var entries = MetadataWriter.Build(network, OnnxInputLayout.Batched, extra)
            .Select(e => e.Key switch
            {
                RnnOnnxMetadata.FormatVersion => new(e.Key, network.InputSkip is null ? "4" : "5"),
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
        return entries;
    }

    /// <summary>Reads a forecaster's window settings back from its metadata.</summary>
    public static ForecastMetadata Read(IReadOnlyDictionary<string, string> metadata, string source) => new(
        Positive(metadata, RnnOnnxMetadata.ForecastWindowSize, source),
        Positive(metadata, RnnOnnxMetadata.ForecastHorizon, source),
        Enum.GetValues<RnnForecastLevel>().Where(l => RnnOnnxMetadata.LevelName(l) == metadata.GetValueOrDefault(RnnOnnxMetadata.ForecastLevel))
            .Cast<RnnForecastLevel?>().FirstOrDefault()
            ?? throw Bad(metadata, RnnOnnxMetadata.ForecastLevel, source, "none, last_value, window_mean, window_mean_ratio or differences"),
        Names(metadata, source),
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

    private static IReadOnlyList<string> Names(IReadOnlyDictionary<string, string> metadata, string source)
    {
        try
        {
            if (JsonSerializer.Deserialize<string[]>(metadata.GetValueOrDefault(RnnOnnxMetadata.ForecastCovariates) ?? "") is { } names && names.All(n => n is not null))
                return Array.AsReadOnly(names);
        }
        catch (JsonException)
        {
        }

        throw Bad(metadata, RnnOnnxMetadata.ForecastCovariates, source, "a JSON array of strings");
    }

    private static InvalidDataException Bad(IReadOnlyDictionary<string, string> metadata, string key, string source, string expected) =>
        new($"{source} has '{key}' = '{metadata.GetValueOrDefault(key)}' in its metadata; expected {expected}.");
}
