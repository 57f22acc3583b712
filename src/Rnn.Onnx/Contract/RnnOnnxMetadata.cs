namespace Rnn.Onnx;

/// <summary>
/// Keys of the metadata (ONNX <c>metadata_props</c>) that <see cref="RnnOnnxExporter"/> always
/// writes. Scoring apps read the architecture and class names from them.
/// </summary>
public static class RnnOnnxMetadata
{
    /// <summary>Class names in score order, as a JSON array of strings.</summary>
    public const string ClassNames = "rnn.class_names";

    /// <summary>Features per time step.</summary>
    public const string InputSize = "rnn.input_size";

    /// <summary>Cell kind: <c>tanh</c>, <c>relu</c>, <c>lstm</c> or <c>gru</c>.</summary>
    public const string Cell = "rnn.cell";

    /// <summary>Hidden units per direction.</summary>
    public const string HiddenSize = "rnn.hidden_size";

    /// <summary>Number of stacked recurrent layers.</summary>
    public const string NumLayers = "rnn.num_layers";

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public const string Bidirectional = "rnn.bidirectional";

    /// <summary><c>batched</c>, <c>single_row</c> or <c>stateful</c> (see <see cref="OnnxInputLayout"/>).</summary>
    public const string Layout = "rnn.layout";

    /// <summary>What the model reads: <c>values</c> (float steps), <c>embedding</c> or <c>one_hot</c> (token indices).</summary>
    public const string InputKind = "rnn.input_kind";

    /// <summary>For token inputs: the known tokens as a JSON array; token index = position + 1, 0 = unknown.</summary>
    public const string Vocabulary = "rnn.vocabulary";

    /// <summary><c>sequence</c> (one prediction per sequence) or <c>per_step</c> (one per time step: sequence labeling).</summary>
    public const string Output = "rnn.output";

    /// <summary>
    /// For per-sequence models: what the head reads, <c>last</c> (final state), <c>max</c> or <c>mean</c> (over valid steps).
    /// Absent means <c>last</c>.
    /// </summary>
    public const string Pooling = "rnn.pooling";

    /// <summary>
    /// What the head predicts: <c>classification</c> (class probabilities), <c>regression</c> (numeric targets, output
    /// <see cref="RnnOnnxNames.Predictions"/>, no class names) or <c>forecasting</c> (a regressor wrapped in a forecast graph:
    /// inputs <see cref="RnnOnnxNames.History"/> and <see cref="RnnOnnxNames.Covariates"/>, output <see cref="RnnOnnxNames.Forecast"/>;
    /// see <see cref="RnnOnnxForecaster"/>). Absent means <c>classification</c>.
    /// </summary>
    public const string Task = "rnn.task";

    /// <summary>For regressors: the target names in output order, as a JSON array of strings.</summary>
    public const string TargetNames = "rnn.target_names";

    /// <summary>For regressors with a <see cref="LinearSkip"/>: the flattened input positions it reads, as a JSON array of integers.</summary>
    public const string InputSkip = "rnn.input_skip";

    /// <summary>
    /// How the weights are stored: <c>dynamic_int8</c> (see <see cref="OnnxQuantization.DynamicInt8"/>: 8-bit LSTM layers and
    /// head through ONNX Runtime's <c>com.microsoft</c> operators). Absent means float weights.
    /// </summary>
    public const string Quantization = "rnn.quantization";

    /// <summary>Forecasters (<see cref="Task"/> <c>forecasting</c>): past steps read.</summary>
    public const string ForecastWindowSize = "rnn.forecast.window_size";

    /// <summary>Forecasters: steps forecast.</summary>
    public const string ForecastHorizon = "rnn.forecast.horizon";

    /// <summary>Forecasters: level handling, <c>none</c>, <c>last_value</c>, <c>window_mean</c>, <c>window_mean_ratio</c> or <c>differences</c>.</summary>
    public const string ForecastLevel = "rnn.forecast.level";

    /// <summary>Forecasters: covariate names in input order, as a JSON array of strings (empty: none).</summary>
    public const string ForecastCovariates = "rnn.forecast.covariates";

    /// <summary>Forecasters: time steps each recurrent step reads (see <see cref="ForecastWindow.StepsPerNetworkStep"/>).</summary>
    public const string ForecastStepsPerNetworkStep = "rnn.forecast.steps_per_network_step";

    /// <summary>Forecasters: the season whose earlier value a forecast step reads, 0 for none (see <see cref="ForecastWindow.SeasonLength"/>).</summary>
    public const string ForecastSeasonLength = "rnn.forecast.season_length";

    /// <summary>Forecasters: networks whose forecasts are averaged (member i's initializers are prefixed <c>m{i}/</c> when there are several).</summary>
    public const string ForecastEnsembleSize = "rnn.forecast.ensemble_size";

    /// <summary>
    /// Many-series forecasters: the series ids as a JSON array of strings, in the order of the graph's
    /// <see cref="RnnOnnxNames.Series"/> index (see <see cref="ForecastPanel"/>). Absent for a one-series forecaster.
    /// </summary>
    public const string ForecastSeries = "rnn.forecast.series";

    /// <summary>Many-series forecasters: what an unknown series id does, <c>from_history</c> or <c>refuse</c>.</summary>
    public const string ForecastUnknownSeries = "rnn.forecast.unknown_series";

    /// <summary>Many-series forecasters: the static covariates' names, a JSON array of strings (their values per series are in the graph).</summary>
    public const string ForecastStaticCovariates = "rnn.forecast.static_covariates";

    /// <summary>Probabilistic forecasters: the quantile levels of output <see cref="RnnOnnxNames.Quantiles"/>, a JSON array of numbers. Absent for point forecasts.</summary>
    public const string ForecastQuantiles = "rnn.forecast.quantiles";

    /// <summary>
    /// Version of this metadata and graph contract: 1; 2 for a model with <see cref="Pooling"/> other than <c>last</c>;
    /// 3 for a regressor (<see cref="Task"/> <c>regression</c>); 4 for a forecaster; 5 for a regressor or forecaster with an
    /// <see cref="InputSkip"/>; 6 for a model with 8-bit weights (<see cref="Quantization"/>) or a forecaster of many series
    /// (<see cref="ForecastSeries"/>) or of quantiles (<see cref="ForecastQuantiles"/>).
    /// </summary>
    public const string FormatVersion = "rnn.format_version";

    /// <summary>
    /// The newest format version this library reads and writes. Pooled classifiers are written as 2, regressors as 3,
    /// forecasters as 4, models with an input skip as 5, and quantized models and forecasters of many series or of quantiles
    /// as 6, so that readers from before them refuse them rather than misread them; all others stay 1.
    /// </summary>
    public const int CurrentFormatVersion = 6;

    /// <summary>Every standard key; user metadata may not use these.</summary>
    public static IReadOnlyList<string> StandardKeys { get; } =
        [ClassNames, InputSize, Cell, HiddenSize, NumLayers, Bidirectional, Layout, FormatVersion, InputKind, Vocabulary, Output, Pooling, Task, TargetNames, InputSkip, Quantization,
         ForecastWindowSize, ForecastHorizon, ForecastLevel, ForecastCovariates, ForecastStepsPerNetworkStep, ForecastSeasonLength, ForecastEnsembleSize,
         ForecastSeries, ForecastUnknownSeries, ForecastStaticCovariates, ForecastQuantiles];

    /// <summary>The metadata spelling of a level handling: <c>none</c>, <c>last_value</c>, <c>window_mean</c>, <c>window_mean_ratio</c> or <c>differences</c>.</summary>
    public static string LevelName(RnnForecastLevel level) => level switch
    {
        RnnForecastLevel.None => "none",
        RnnForecastLevel.LastValue => "last_value",
        RnnForecastLevel.WindowMean => "window_mean",
        RnnForecastLevel.WindowMeanRatio => "window_mean_ratio",
        RnnForecastLevel.Differences => "differences",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown level handling."),
    };

    /// <summary>The metadata spelling of a quantization: <c>none</c> (never written: float files carry no key) or <c>dynamic_int8</c>.</summary>
    public static string QuantizationName(OnnxQuantization quantization) => quantization switch
    {
        OnnxQuantization.None => "none",
        OnnxQuantization.DynamicInt8 => "dynamic_int8",
        _ => throw new ArgumentOutOfRangeException(nameof(quantization), quantization, "Unknown quantization."),
    };

    /// <summary>The metadata spelling of an unknown-series policy: <c>from_history</c> or <c>refuse</c>.</summary>
    public static string UnknownSeriesName(RnnUnknownSeries policy) => policy switch
    {
        RnnUnknownSeries.FromHistory => "from_history",
        RnnUnknownSeries.Refuse => "refuse",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown policy."),
    };

    /// <summary>The metadata spelling of a layout: <c>batched</c>, <c>single_row</c> or <c>stateful</c>.</summary>
    public static string LayoutName(OnnxInputLayout layout) => layout switch
    {
        OnnxInputLayout.Batched => "batched",
        OnnxInputLayout.SingleRow => "single_row",
        OnnxInputLayout.Stateful => "stateful",
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "Unknown input layout."),
    };

    /// <summary>The metadata spelling of a cell kind: <c>tanh</c>, <c>relu</c>, <c>lstm</c> or <c>gru</c>.</summary>
    public static string CellName(RnnCellType cell) => cell switch
    {
        RnnCellType.Tanh => "tanh",
        RnnCellType.Relu => "relu",
        RnnCellType.Lstm => "lstm",
        RnnCellType.Gru => "gru",
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell, "Unknown recurrent cell kind."),
    };

    /// <summary>The metadata spelling of a pooling: <c>last</c>, <c>max</c> or <c>mean</c>.</summary>
    public static string PoolingName(RnnPooling pooling) => pooling switch
    {
        RnnPooling.Last => "last",
        RnnPooling.Max => "max",
        RnnPooling.Mean => "mean",
        _ => throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "Unknown pooling."),
    };

    /// <summary>The metadata spelling of a network's input kind.</summary>
    public static string InputKindName(TokenLookup? tokens) => tokens switch
    {
        null => "values",
        { IsOneHot: true } => "one_hot",
        _ => "embedding",
    };
}
