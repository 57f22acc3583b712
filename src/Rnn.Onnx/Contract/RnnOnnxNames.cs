namespace Rnn.Onnx;

/// <summary>Names of the inputs and outputs of graphs written by <see cref="RnnOnnxExporter"/>.</summary>
public static class RnnOnnxNames
{
    /// <summary>Batched layout input: float [batch, seq, InputSize], batch-first, zero-padded.</summary>
    public const string Input = "input";

    /// <summary>Batched layout input: int32 [batch], the number of valid steps of each sequence.</summary>
    public const string SequenceLengths = "sequence_lens";

    /// <summary>Single-row layout input: float [1, steps × InputSize], one unpadded sequence.</summary>
    public const string Features = "features";

    /// <summary>Output: class probabilities (softmax), float [batch, classes] or [classes].</summary>
    public const string Probabilities = "probabilities";

    /// <summary>Output of a regressor: predicted target values in the targets' own units, float [batch, targets] or [targets].</summary>
    public const string Predictions = "predictions";

    /// <summary>Initializer of a regressor: the per-target standard deviation its head's output is multiplied by.</summary>
    public const string TargetScaleInitializer = "head.target_scale";

    /// <summary>Initializer of a regressor: the per-target mean added after scaling.</summary>
    public const string TargetMeanInitializer = "head.target_mean";

    /// <summary>Initializer of a regressor with a <see cref="LinearSkip"/>: the flattened input positions it reads (int64).</summary>
    public const string SkipPositionsInitializer = "head.skip.positions";

    /// <summary>Initializer of a regressor with a <see cref="LinearSkip"/>: its weights [outputs, positions].</summary>
    public const string SkipWeightInitializer = "head.skip.weight";

    /// <summary>Initializer of a regressor with a <see cref="LinearSkip"/>: its bias [outputs].</summary>
    public const string SkipBiasInitializer = "head.skip.bias";

    /// <summary>Forecaster input: float [batch, window], the last values of each series, oldest first.</summary>
    public const string History = "history";

    /// <summary>Forecaster input (only with covariates): float [batch, window + horizon, covariates], the window's steps then the forecast steps.</summary>
    public const string Covariates = "covariates";

    /// <summary>Forecaster output: float [batch, horizon], the next values of each series in its own units (the median of a probabilistic forecaster).</summary>
    public const string Forecast = "forecast";

    /// <summary>Many-series forecaster input: int64 [batch], each row's series index (<see cref="ForecastPanel.IndexOf"/>; the table's size for an unknown series).</summary>
    public const string Series = "series";

    /// <summary>Probabilistic forecaster output: float [batch, horizon, quantiles], the quantiles of <see cref="ForecastQuantiles.Levels"/> per step, never crossing.</summary>
    public const string Quantiles = "quantiles";

    /// <summary>Output: index of the most probable class, int64 [batch] or [1].</summary>
    public const string PredictedIndex = "predicted_index";

    /// <summary>Single-row layout output: the predicted class name, [1] string.</summary>
    public const string PredictedLabel = "predicted_label";

    /// <summary>Symbolic name of the batch dimension.</summary>
    public const string BatchDimension = "batch";

    /// <summary>Symbolic name of the time dimension.</summary>
    public const string SequenceDimension = "seq";

    /// <summary>Symbolic name of the single-row input's second dimension (steps × InputSize).</summary>
    public const string ValuesDimension = "values";
}
