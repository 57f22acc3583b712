using Rnn.Onnx.Forecasting;

namespace Rnn.Onnx;

/// <summary>Forecasters: the network and its window settings back from a file written by <see cref="RnnOnnxForecastExporter"/>.</summary>
public static partial class RnnOnnxImporter
{
    /// <summary>Reads a forecaster's networks (one, or an ensemble's members), its <see cref="ForecastWindow"/> and the model's metadata from ONNX bytes.</summary>
    /// <param name="model">The ONNX model bytes.</param>
    /// <param name="source">Names the model in error messages (a path, say).</param>
    /// <exception cref="InvalidDataException">The bytes are not a forecaster written by <see cref="RnnOnnxForecastExporter"/>.</exception>
    public static (IReadOnlyList<RecurrentNetworkDescription> Networks, ForecastWindow Window, IReadOnlyDictionary<string, string> Metadata) ReadForecaster(
        byte[] model, string source = "the ONNX model")
    {
        var read = ReadForecastModel(model, source);
        return (read.Networks, read.Window, read.Metadata);
    }

    /// <summary>
    /// Reads everything a forecaster file holds: its networks, window, and for a many-series or probabilistic forecaster
    /// its series table (ids, scales, standardised static covariates) and quantiles (levels, conformal adjustments).
    /// </summary>
    /// <param name="model">The ONNX model bytes.</param>
    /// <param name="source">Names the model in error messages (a path, say).</param>
    /// <exception cref="InvalidDataException">The bytes are not a forecaster written by <see cref="RnnOnnxForecastExporter"/>.</exception>
    public static RnnForecastModel ReadForecastModel(byte[] model, string source = "the ONNX model")
    {
        var (info, metadata, initializers) = Parse(model, source);
        if (!info.IsForecaster)
            throw new InvalidDataException($"{source} is not a forecaster (its '{RnnOnnxMetadata.Task}' metadata is not 'forecasting').");
        var settings = ForecastMetadata.Read(metadata, source);
        var networks = Enumerable.Range(0, settings.EnsembleSize)
            .Select(i => ReadNetwork(info, metadata, initializers, source, ForecastGraph.MemberPrefix(i, settings.EnsembleSize)))
            .ToArray();
        int covariates = settings.CovariateNames.Count;
        try
        {
            var window = new ForecastWindow(
                settings.WindowSize, settings.Horizon, settings.Level,
                Floats(initializers, ForecastGraph.ValueMeanInitializer, 1, source)[0], Floats(initializers, ForecastGraph.ValueScaleInitializer, 1, source)[0],
                settings.CovariateNames,
                covariates > 0 ? Floats(initializers, ForecastGraph.CovariateMeanInitializer, covariates, source) : [],
                covariates > 0 ? Floats(initializers, ForecastGraph.CovariateScaleInitializer, covariates, source) : [],
                settings.StepsPerNetworkStep, settings.SeasonLength, settings.StaticCovariateNames.Count);
            ForecastPanel? panel = null;
            if (settings.SeriesIds is { } ids)
            {
                var scales = Floats(initializers, ForecastGraph.SeriesScaleInitializer, ids.Count + 1, source);
                int s = settings.StaticCovariateNames.Count;
                // The graph keeps the static covariates standardised: they come back as such, with mean 0 and scale 1.
                var statics = s > 0 ? Floats(initializers, ForecastGraph.StaticTableInitializer, (ids.Count + 1) * s, source)[..(ids.Count * s)] : [];
                panel = new ForecastPanel(ids, scales.AsSpan(0, ids.Count), settings.UnknownSeries, settings.StaticCovariateNames, statics,
                    new float[s], Enumerable.Repeat(1f, s).ToArray());
            }

            var quantiles = settings.QuantileLevels is { } levels
                ? new ForecastQuantiles(levels, settings.Horizon, Floats(initializers, ForecastGraph.QuantileAdjustmentInitializer, settings.Horizon * levels.Count, source))
                : null;
            return new RnnForecastModel(networks, window, panel, quantiles, metadata);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source} does not describe a consistent forecaster: {e.Message}", e);
        }
    }
}
