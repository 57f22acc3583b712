namespace Rnn.MLNet;

/// <summary>The columns a forecaster reads from a series view and writes in <see cref="RnnForecaster.Transform"/>.</summary>
internal sealed record ForecasterColumns(string Series, IReadOnlyList<string> Covariates, string? Time, string Forecast)
{
    public static ForecasterColumns From(RnnForecasterOptions options) =>
        new(options.SeriesColumnName, [.. options.CovariateColumnNames], options.TimeColumnName, options.ForecastColumnName);

    /// <summary>Written into the ONNX metadata, so a loaded forecaster reads the same columns.</summary>
    public Dictionary<string, string> ToMetadata() => new()
    {
        [MLNetMetadata.ForecastSeriesColumn] = Series,
        [MLNetMetadata.ForecastCovariateColumns] = System.Text.Json.JsonSerializer.Serialize(Covariates),
        [MLNetMetadata.ForecastTimeColumn] = Time ?? "",
        [MLNetMetadata.ForecastColumn] = Forecast,
    };

    public static ForecasterColumns FromMetadata(IReadOnlyDictionary<string, string> metadata, string source)
    {
        string Get(string key) => metadata.TryGetValue(key, out var value)
            ? value
            : throw new InvalidDataException($"{source} is a forecaster without the '{key}' metadata RnnForecaster writes; it was not saved by RnnForecaster.");
        string[] covariates;
        try
        {
            covariates = System.Text.Json.JsonSerializer.Deserialize<string[]>(Get(MLNetMetadata.ForecastCovariateColumns)) ?? [];
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{source}: metadata '{MLNetMetadata.ForecastCovariateColumns}' is not a JSON array of column names.", e);
        }

        string time = Get(MLNetMetadata.ForecastTimeColumn);
        return new ForecasterColumns(Get(MLNetMetadata.ForecastSeriesColumn), covariates, time.Length == 0 ? null : time, Get(MLNetMetadata.ForecastColumn));
    }
}
