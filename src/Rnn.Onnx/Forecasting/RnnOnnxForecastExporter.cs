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
        IReadOnlyList<RecurrentNetworkDescription> networks, ForecastWindow window, IDictionary<string, string>? metadata = null, string? producerName = null) =>
        ToBytes(networks, window, panel: null, quantiles: null, metadata, producerName);

    /// <summary>
    /// Serializes a forecaster of many series (<paramref name="panel"/>: the graph takes each row's series index, divides its
    /// values by the series' scale and reads its static covariates) and/or of quantiles (<paramref name="quantiles"/>: the
    /// networks output Horizon × quantiles values, step-major, and the graph outputs non-crossing quantiles).
    /// </summary>
    /// <param name="networks">Regressors over <paramref name="window"/>'s network input with Horizon (× quantiles) targets, all of one architecture.</param>
    /// <param name="window">How windows become the networks' input.</param>
    /// <param name="panel">The series, or null for a one-series forecaster.</param>
    /// <param name="quantiles">The quantiles and their conformal adjustments, or null for point forecasts.</param>
    /// <param name="metadata">Extra metadata (keys must not collide with <see cref="RnnOnnxMetadata.StandardKeys"/>).</param>
    /// <param name="producerName">Written as the model's producer name; null writes "Rnn.Onnx".</param>
    /// <exception cref="ArgumentException">As the other overload, or the panel's static covariates or the quantiles' horizon do not fit the window.</exception>
    public static byte[] ToBytes(
        IReadOnlyList<RecurrentNetworkDescription> networks, ForecastWindow window, ForecastPanel? panel, ForecastQuantiles? quantiles,
        IDictionary<string, string>? metadata = null, string? producerName = null)
    {
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentNullException.ThrowIfNull(window);
        if ((panel?.StaticCovariateCount ?? 0) != window.StaticCovariateCount)
            throw new ArgumentException(
                $"The window reads {window.StaticCovariateCount} static covariate(s); the panel has {panel?.StaticCovariateCount ?? 0}.", nameof(panel));
        if (quantiles is not null && quantiles.Horizon != window.Horizon)
            throw new ArgumentException($"The quantiles' horizon is {quantiles.Horizon}; the window's {window.Horizon}.", nameof(quantiles));
        int outputs = window.Horizon * (quantiles?.Count ?? 1);
        if (networks.Count == 0 || networks.Contains(null!))
            throw new ArgumentException("A forecaster needs at least one network, and none may be null.", nameof(networks));
        var network = networks[0];
        foreach (var member in networks)
        {
            // A regressor reads each sequence as a whole (a description refuses per-step regression), so only its input can be wrong.
            if (member.Regression is not { } targets || targets.Count != outputs)
                throw new ArgumentException(
                    $"A forecaster's network must be a regressor with one target per horizon step{(quantiles is null ? "" : " and quantile")} ({outputs}).", nameof(networks));
            if (member.Tokens is not null || member.InputSize != window.NetworkInputSize)
                throw new ArgumentException(
                    $"The network reads {member.InputSize} values per step; the window gives {window.NetworkInputSize} (float steps, one prediction per window).", nameof(networks));
            // The metadata states one architecture, which a reader needs to find every member's weights.
            if (member.Cell != network.Cell || member.HiddenSize != network.HiddenSize || member.NumLayers != network.NumLayers
                || member.Bidirectional != network.Bidirectional || member.Pooling != network.Pooling)
                throw new ArgumentException("The ensemble's networks differ in architecture; every member must share the first one's cell, hidden size, layers, direction and pooling.", nameof(networks));
            WeightChecks.RequireFinite(member);
        }

        var model = ForecastGraph.Build(networks, window, panel, quantiles).ToModel(producerName ?? OnnxProducer.Name,
            $"Recurrent forecaster: {(networks.Count > 1 ? $"mean of {networks.Count} " : "")}{RnnOnnxMetadata.CellName(network.Cell)} ×{network.NumLayers}, hidden {network.HiddenSize}; " +
            $"{window.WindowSize} steps in, {window.Horizon} out, level {RnnOnnxMetadata.LevelName(window.Level)}, {window.CovariateCount} covariate(s)" +
            (panel is null ? "" : $"; {panel.Count} series, {panel.StaticCovariateCount} static covariate(s)") +
            (quantiles is null ? "." : $"; quantiles {string.Join(", ", quantiles.Levels.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)))}."));
        foreach (var (key, value) in ForecastMetadata.Write(network, window, networks.Count, metadata, panel, quantiles))
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model.ToByteArray();
    }
}
