using System.Text.Json;

namespace Rnn.MLNet;

/// <summary>The columns a forecaster reads from a series view and writes in <see cref="RnnForecaster.Transform"/>.</summary>
/// <param name="Series">The values.</param>
/// <param name="Covariates">Per-step covariates, known ahead.</param>
/// <param name="Time">The time column checked for order, or null.</param>
/// <param name="Forecast">The point forecast column Transform adds (quantile columns are named after it).</param>
/// <param name="Statics">Static covariates (constant within a series).</param>
/// <param name="SeriesId">The series id column of a many-series view, or null for one series.</param>
internal sealed record ForecasterColumns(string Series, IReadOnlyList<string> Covariates, string? Time, string Forecast, IReadOnlyList<string> Statics, string? SeriesId)
{
    public static ForecasterColumns From(RnnForecasterOptions options) =>
        new(options.SeriesColumnName, [.. options.CovariateColumnNames], options.TimeColumnName, options.ForecastColumnName,
            [.. options.StaticCovariateColumnNames], options.SeriesIdColumnName);

    /// <summary>The column of quantile <paramref name="level"/> that Transform adds: "Forecast@0.1".</summary>
    public string QuantileColumn(float level) => $"{Forecast}@{level.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Written into the ONNX metadata, so a loaded forecaster reads the same columns.</summary>
    public Dictionary<string, string> ToMetadata()
    {
        var entries = new Dictionary<string, string>
        {
            [MLNetMetadata.ForecastSeriesColumn] = Series,
            [MLNetMetadata.ForecastCovariateColumns] = JsonSerializer.Serialize(Covariates),
            [MLNetMetadata.ForecastTimeColumn] = Time ?? "",
            [MLNetMetadata.ForecastColumn] = Forecast,
        };
        // Only when used, so one-series forecasters keep the bytes of earlier versions.
        if (Statics.Count > 0)
            entries[MLNetMetadata.ForecastStaticColumns] = JsonSerializer.Serialize(Statics);
        if (SeriesId is not null)
            entries[MLNetMetadata.ForecastSeriesIdColumn] = SeriesId;
        return entries;
    }

    public static ForecasterColumns FromMetadata(IReadOnlyDictionary<string, string> metadata, string source)
    {
        string Get(string key) => metadata.TryGetValue(key, out var value)
            ? value
            : throw new InvalidDataException($"{source} is a forecaster without the '{key}' metadata RnnForecaster writes; it was not saved by RnnForecaster.");
        string time = Get(MLNetMetadata.ForecastTimeColumn);
        return new ForecasterColumns(
            Get(MLNetMetadata.ForecastSeriesColumn), Names(Get(MLNetMetadata.ForecastCovariateColumns), MLNetMetadata.ForecastCovariateColumns, source),
            time.Length == 0 ? null : time, Get(MLNetMetadata.ForecastColumn),
            metadata.TryGetValue(MLNetMetadata.ForecastStaticColumns, out var statics) ? Names(statics, MLNetMetadata.ForecastStaticColumns, source) : [],
            metadata.GetValueOrDefault(MLNetMetadata.ForecastSeriesIdColumn));
    }

    private static string[] Names(string json, string key, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(json) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: metadata '{key}' is not a JSON array of column names.", e);
        }
    }
}
