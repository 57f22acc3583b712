namespace Rnn.MLNet;

/// <summary>
/// What Rnn.MLNet writes into the ONNX models it exports and saves beyond Rnn.Onnx's standard metadata (whose keys
/// <see cref="RnnOnnxMetadata"/> owns): its producer name, and its own <c>mlnet.*</c> keys, which let a file be turned back
/// into the transformer or forecaster that wrote it. Every <c>mlnet.*</c> key is declared here.
/// </summary>
internal static class MLNetMetadata
{
    /// <summary>The producer name of every ONNX model Rnn.MLNet writes (networks, forecasters, featurizer steps).</summary>
    public const string ProducerName = "Rnn.MLNet";

    // An RnnTransformer's settings (RnnTransformer.OnnxMetadata, read back by RnnModelFile.LoadTransformer).
    public const string FeatureColumn = "mlnet.feature_column";
    public const string ScoreColumn = "mlnet.score_column";
    public const string PredictedLabelColumn = "mlnet.predicted_label_column";
    public const string FeatureSize = "mlnet.feature_size";
    public const string ScoringBatchSize = "mlnet.scoring_batch_size";
    public const string KeyValuesType = "mlnet.key_values_type";
    public const string MaximumSequenceLength = "mlnet.maximum_sequence_length";
    public const string ScoreKind = "mlnet.score_kind";

    // An RnnForecaster's columns (ForecasterColumns).
    public const string ForecastSeriesColumn = "mlnet.forecast.series_column";
    public const string ForecastCovariateColumns = "mlnet.forecast.covariate_columns";
    public const string ForecastTimeColumn = "mlnet.forecast.time_column";
    public const string ForecastColumn = "mlnet.forecast.forecast_column";
    public const string ForecastStaticColumns = "mlnet.forecast.static_columns";
    public const string ForecastSeriesIdColumn = "mlnet.forecast.series_id_column";
}
