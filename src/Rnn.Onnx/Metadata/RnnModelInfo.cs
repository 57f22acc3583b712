namespace Rnn.Onnx.Metadata;

/// <summary>The standard metadata of an exported model, parsed.</summary>
internal sealed record RnnModelInfo(
    int FormatVersion,
    OnnxInputLayout Layout,
    RnnCellType Cell,
    int InputSize,
    int HiddenSize,
    int NumLayers,
    bool Bidirectional,
    IReadOnlyList<string> ClassNames,
    string InputKind,
    IReadOnlyList<string>? Vocabulary,
    bool PerStep,
    RnnPooling Pooling,
    IReadOnlyList<string>? TargetNames = null)
{
    /// <summary>A regressor's input skip positions, or null.</summary>
    public IReadOnlyList<int>? SkipPositions { get; init; }

    /// <summary>True for a forecaster's graph (inputs history and covariates rather than padded sequences).</summary>
    public bool IsForecaster { get; init; }

    /// <summary>True for a regressor: numeric targets (<see cref="TargetNames"/>) instead of classes.</summary>
    public bool IsRegression => TargetNames is not null;

    /// <summary>True when the model reads token indices rather than float steps.</summary>
    public bool UsesTokens => InputKind != "values";
}
