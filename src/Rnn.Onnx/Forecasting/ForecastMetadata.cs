using System.Globalization;
using System.Text.Json;

namespace Rnn.Onnx.Forecasting;

/// <summary>A forecaster's window settings as its metadata states them; every problem is an <see cref="InvalidDataException"/> naming the model.</summary>
internal sealed record ForecastMetadata(
    int WindowSize, int Horizon, RnnForecastLevel Level, IReadOnlyList<string> CovariateNames, int StepsPerNetworkStep, int SeasonLength, int EnsembleSize)
{
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
