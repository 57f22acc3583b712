namespace Rnn.Onnx;

/// <summary>Everything a forecaster file holds, as <see cref="RnnOnnxImporter.ReadForecastModel"/> reads it back.</summary>
/// <param name="Networks">The network, or an ensemble's members (whose outputs are averaged).</param>
/// <param name="Window">How windows become the networks' input and their outputs become forecasts.</param>
/// <param name="Panel">The series of a many-series forecaster, else null.</param>
/// <param name="Quantiles">The quantiles of a probabilistic forecaster, else null.</param>
/// <param name="Metadata">All metadata of the model.</param>
public sealed record RnnForecastModel(
    IReadOnlyList<RecurrentNetworkDescription> Networks, ForecastWindow Window, ForecastPanel? Panel, ForecastQuantiles? Quantiles,
    IReadOnlyDictionary<string, string> Metadata);
