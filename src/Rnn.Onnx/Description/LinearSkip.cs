namespace Rnn.Onnx;

/// <summary>
/// A linear path from chosen input values straight to a regressor's outputs, trained together with the network and added
/// to its head's (standardised) output: an autoregressive "highway" as in LSTNet, so the recurrent layers learn what a
/// linear model of those inputs cannot. Positions index one row's input flattened step-major ([steps × InputSize]), so a
/// network with a skip reads rows of one fixed length. Immutable: the constructor copies its arguments.
/// </summary>
public sealed class LinearSkip
{
    /// <summary>Copies and checks the skip.</summary>
    /// <param name="inputPositions">Positions in the flattened input row that the skip reads, distinct and ≥ 0.</param>
    /// <param name="weights">The linear layer: outputs = the head's outputs, inputs = the positions read.</param>
    /// <exception cref="ArgumentException">A position is negative or repeated, or the weights do not read one value per position.</exception>
    public LinearSkip(IReadOnlyList<int> inputPositions, DenseLayerWeights weights)
    {
        ArgumentNullException.ThrowIfNull(inputPositions);
        ArgumentNullException.ThrowIfNull(weights);
        var positions = inputPositions.ToArray();
        if (positions.Length == 0 || positions.Any(p => p < 0) || positions.Distinct().Count() != positions.Length)
            throw new ArgumentException("A linear skip reads at least one input position; positions must be distinct and ≥ 0.", nameof(inputPositions));
        if (weights.Inputs != positions.Length)
            throw new ArgumentException($"The skip's weights read {weights.Inputs} values; it has {positions.Length} input positions.", nameof(weights));
        if (weights.Weights.Length != weights.Outputs * weights.Inputs || weights.Bias.Length != weights.Outputs)
            throw new ArgumentException($"The skip's weights hold {weights.Weights.Length} values and its bias {weights.Bias.Length}; expected {weights.Outputs * weights.Inputs} and {weights.Outputs}.", nameof(weights));
        InputPositions = Array.AsReadOnly(positions);
        Weights = weights;
    }

    /// <summary>Positions of the flattened input row the skip reads.</summary>
    public IReadOnlyList<int> InputPositions { get; }

    /// <summary>The skip's linear layer, [outputs × positions] plus bias.</summary>
    public DenseLayerWeights Weights { get; }
}
