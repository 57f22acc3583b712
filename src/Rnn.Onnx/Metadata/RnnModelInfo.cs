using Rnn.Onnx.Heads;

namespace Rnn.Onnx.Metadata;

/// <summary>The standard metadata of an exported model, parsed; <see cref="Head"/> is the task it states.</summary>
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
    OnnxHead Head,
    RnnPooling Pooling,
    IReadOnlyList<string>? TargetNames = null)
{
    /// <summary>A regressor's input skip positions, or null.</summary>
    public IReadOnlyList<int>? SkipPositions { get; init; }

    /// <summary>How the file stores its weights (absent key: float).</summary>
    public OnnxQuantization Quantization { get; init; }

    /// <summary>True for a forecaster's graph (inputs history and covariates rather than padded sequences).</summary>
    public bool IsForecaster { get; init; }

    /// <summary>Values the head gives per sequence (or per step): a regressor's targets, else the classes.</summary>
    public int Outputs => TargetNames?.Count ?? ClassNames.Count;

    /// <summary>True when the model reads token indices rather than float steps.</summary>
    public bool UsesTokens => InputKind != "values";
}
