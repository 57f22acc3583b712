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
                settings.StepsPerNetworkStep, settings.SeasonLength);
            return (networks, window, metadata);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source} does not describe a consistent forecaster: {e.Message}", e);
        }
    }
}
