namespace Rnn.MLNet;

/// <summary>
/// A learned linear map (no bias) applied to groups of positions of each step's input before the recurrent layers: each
/// group of <paramref name="Width"/> values becomes <paramref name="Size"/> values, appended after the positions kept as
/// they are. The forecaster's series-id embedding: each group is a standardised one-hot series id, so the map is an
/// embedding table. Being linear, it is folded into the first layer's input weights when the network is described, so the
/// exported model reads the ids as ordinary inputs.
/// </summary>
/// <param name="Positions">The projected positions of a step's input, group after group, <paramref name="Width"/> each.</param>
/// <param name="Width">Values per group.</param>
/// <param name="Size">Values each group becomes.</param>
internal sealed record InputProjection(IReadOnlyList<int> Positions, int Width, int Size)
{
    public int Groups => Positions.Count / Width;

    /// <summary>The width of a step after the projection, from its width before.</summary>
    public int ProjectedInputSize(int inputSize) => inputSize - Positions.Count + Groups * Size;

    /// <summary>The positions kept as they are, in order, for a step of <paramref name="inputSize"/> values.</summary>
    public int[] KeptPositions(int inputSize)
    {
        var projected = Positions.ToHashSet();
        return [.. Enumerable.Range(0, inputSize).Where(p => !projected.Contains(p))];
    }
}
