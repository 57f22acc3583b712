namespace Rnn.MLNet;

/// <summary>The architecture of a recurrent network, as the trainer builds it.</summary>
/// <param name="Cell">Recurrent cell of every layer.</param>
/// <param name="InputSize">Width of each step fed to the first layer (after any token lookup).</param>
/// <param name="HiddenSize">Hidden units per layer and direction.</param>
/// <param name="NumLayers">Stacked layers.</param>
/// <param name="Bidirectional">Whether layers also read backwards.</param>
/// <param name="Dropout">Dropout between layers and before the head.</param>
/// <param name="Classes">Outputs of the head: classes, or a regressor's targets.</param>
/// <param name="TokenRows">Rows of the token table (vocabulary + unknown), or 0 for float steps.</param>
/// <param name="LearnedEmbedding">True for a learned embedding table, false for one-hot lookup (token input only).</param>
/// <param name="ReadsEveryStep">The head reads every step's output (the task's head says so: labeling) instead of a summary of the sequence.</param>
/// <param name="Pooling">What a per-sequence head reads: the final state, or the max or mean over valid steps.</param>
/// <param name="SkipInputs">Positions of a row's flattened input read by a linear skip straight to the outputs (a regressor over fixed-length rows), or null.</param>
/// <param name="Projection">A learned map of some positions of each step before the recurrent layers (the forecaster's series embedding), or null.</param>
internal sealed record NetworkShape(
    RnnCellType Cell, int InputSize, int HiddenSize, int NumLayers, bool Bidirectional, float Dropout, int Classes,
    int TokenRows, bool LearnedEmbedding, bool ReadsEveryStep, RnnPooling Pooling = RnnPooling.Last, IReadOnlyList<int>? SkipInputs = null,
    InputProjection? Projection = null)
{
    /// <summary>The width of each step the first recurrent layer reads (after the projection, if any).</summary>
    public int RecurrentInputSize => Projection?.ProjectedInputSize(InputSize) ?? InputSize;

    public bool UsesTokens => TokenRows > 0;

    public int Directions => Bidirectional ? 2 : 1;
}
