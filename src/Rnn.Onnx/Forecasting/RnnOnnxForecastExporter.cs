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
    /// <param name="producerName">Written as the model's producer name; null writes "Rnn.Onnx".</param>
    /// <exception cref="ArgumentException">The network does not fit the window, a weight is not finite, or a metadata key is reserved.</exception>
    public static byte[] ToBytes(RecurrentNetworkDescription network, ForecastWindow window, IDictionary<string, string>? metadata = null, string? producerName = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        return ToBytes([network], window, metadata, producerName);
    }

    /// <summary>Serializes an ensemble of networks of one architecture as one forecaster whose forecast is the mean of theirs.</summary>
    /// <param name="networks">Regressors over <paramref name="window"/>'s network input, all of the same architecture.</param>
    /// <param name="window">How windows become the networks' input and their output becomes forecasts.</param>
    /// <param name="metadata">Extra metadata (keys must not collide with <see cref="RnnOnnxMetadata.StandardKeys"/>).</param>
    /// <param name="producerName">Written as the model's producer name; null writes "Rnn.Onnx".</param>
    /// <exception cref="ArgumentException">No networks, networks of different architectures, a network that does not fit the window, a weight that is not finite, or a reserved metadata key.</exception>
    public static byte[] ToBytes(
        IReadOnlyList<RecurrentNetworkDescription> networks, ForecastWindow window, IDictionary<string, string>? metadata = null, string? producerName = null)
    {
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentNullException.ThrowIfNull(window);
        if (networks.Count == 0 || networks.Contains(null!))
            throw new ArgumentException("A forecaster needs at least one network, and none may be null.", nameof(networks));
        var network = networks[0];
        foreach (var member in networks)
        {
            // A regressor reads each sequence as a whole (a description refuses per-step regression), so only its input can be wrong.
            if (member.Regression is not { } targets || targets.Count != window.Horizon)
                throw new ArgumentException($"A forecaster's network must be a regressor with one target per horizon step ({window.Horizon}).", nameof(networks));
            if (member.Tokens is not null || member.InputSize != window.NetworkInputSize)
                throw new ArgumentException(
                    $"The network reads {member.InputSize} values per step; the window gives {window.NetworkInputSize} (float steps, one prediction per window).", nameof(networks));
            // The metadata states one architecture, which a reader needs to find every member's weights.
            if (member.Cell != network.Cell || member.HiddenSize != network.HiddenSize || member.NumLayers != network.NumLayers
                || member.Bidirectional != network.Bidirectional || member.Pooling != network.Pooling)
                throw new ArgumentException("The ensemble's networks differ in architecture; every member must share the first one's cell, hidden size, layers, direction and pooling.", nameof(networks));
            WeightChecks.RequireFinite(member);
        }

        var model = ForecastGraph.Build(networks, window).ToModel(producerName ?? OnnxProducer.Name,
            $"Recurrent forecaster: {(networks.Count > 1 ? $"mean of {networks.Count} " : "")}{RnnOnnxMetadata.CellName(network.Cell)} ×{network.NumLayers}, hidden {network.HiddenSize}; " +
            $"{window.WindowSize} steps in, {window.Horizon} out, level {RnnOnnxMetadata.LevelName(window.Level)}, {window.CovariateCount} covariate(s).");
        foreach (var (key, value) in ForecastMetadata.Write(network, window, networks.Count, metadata))
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model.ToByteArray();
    }
}
