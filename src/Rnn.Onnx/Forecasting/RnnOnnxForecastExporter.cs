using Google.Protobuf;
using Rnn.Onnx.Export;
using Rnn.Onnx.Forecasting;
using Rnn.Onnx.Metadata;
using Rnn.Onnx.Protos;

namespace Rnn.Onnx;

/// <summary>
/// Writes a forecaster (a regressor trained on windows of a series, plus its <see cref="ForecastWindow"/>) as one ONNX
/// model: raw history (and covariates) in, forecast in the series' units out, level handling and standardisation inside
/// the graph. Score it with <see cref="RnnOnnxForecaster"/> or any ONNX runtime (inputs <see cref="RnnOnnxNames.History"/>
/// and, with covariates, <see cref="RnnOnnxNames.Covariates"/>; output <see cref="RnnOnnxNames.Forecast"/>).
/// </summary>
public static class RnnOnnxForecastExporter
{
    /// <summary>Serializes the forecaster as ONNX model bytes (IR and opset as <see cref="RnnOnnxExporter"/>).</summary>
    /// <param name="network">A regressor over <paramref name="window"/>'s network input, with one target per horizon step.</param>
    /// <param name="window">How windows become the network's input and its output becomes forecasts.</param>
    /// <param name="metadata">Extra metadata (keys must not collide with <see cref="RnnOnnxMetadata.StandardKeys"/>).</param>
    /// <exception cref="ArgumentException">The network does not fit the window, a weight is not finite, or a metadata key is reserved.</exception>
    public static byte[] ToBytes(RecurrentNetworkDescription network, ForecastWindow window, IDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(window);
        if (network.Regression is not { } targets || targets.Count != window.Horizon)
            throw new ArgumentException($"A forecaster's network must be a regressor with one target per horizon step ({window.Horizon}).", nameof(network));
        if (network.Tokens is not null || network.PerStep || network.InputSize != window.NetworkInputSize)
            throw new ArgumentException(
                $"The network reads {network.InputSize} values per step; the window gives {window.NetworkInputSize} (float steps, one prediction per window).", nameof(network));
        // Weights of a network over another layout would run but forecast nonsense; the input width is all the description says.
        WeightChecks.RequireFinite(network);

        var model = ForecastGraph.Build(network, window).ToModel("Rnn.MLNet",
            $"Recurrent forecaster: {RnnOnnxMetadata.CellName(network.Cell)} ×{network.NumLayers}, hidden {network.HiddenSize}; " +
            $"{window.WindowSize} steps in, {window.Horizon} out, level {RnnOnnxMetadata.LevelName(window.Level)}, {window.CovariateCount} covariate(s).");
        foreach (var (key, value) in MetadataWriter.BuildForecaster(network, window, metadata))
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model.ToByteArray();
    }
}
