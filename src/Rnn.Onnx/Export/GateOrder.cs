namespace Rnn.Onnx.Export;

/// <summary>
/// Maps gate blocks from PyTorch's order (LSTM i,f,g,o; GRU r,z,n) to ONNX's
/// (LSTM i,o,f,c; GRU z,r,h). Each block is H consecutive rows of a weight matrix or bias.
/// </summary>
internal static class GateOrder
{
    /// <summary>ONNX block j is PyTorch block <c>Source(cell)[j]</c>.</summary>
    public static int[] Source(RnnCellType cell) => cell switch
    {
        RnnCellType.Lstm => [0, 3, 1, 2],
        RnnCellType.Gru => [1, 0, 2],
        RnnCellType.Tanh or RnnCellType.Relu => [0],
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell, "Unknown recurrent cell kind."),
    };

    /// <summary>
    /// Copies <paramref name="source"/> (row-major [G*H, columns], PyTorch order) into
    /// <paramref name="destination"/> in ONNX order.
    /// </summary>
    public static void Reorder(RnnCellType cell, int hiddenSize, int columns, ReadOnlySpan<float> source, Span<float> destination)
    {
        int block = hiddenSize * columns;
        var order = Source(cell);
        for (int j = 0; j < order.Length; j++)
            source.Slice(order[j] * block, block).CopyTo(destination.Slice(j * block, block));
    }

    /// <summary>The inverse of <see cref="Reorder"/>: ONNX order back to PyTorch order.</summary>
    public static void Restore(RnnCellType cell, int hiddenSize, int columns, ReadOnlySpan<float> source, Span<float> destination)
    {
        int block = hiddenSize * columns;
        var order = Source(cell);
        for (int j = 0; j < order.Length; j++)
            source.Slice(j * block, block).CopyTo(destination.Slice(order[j] * block, block));
    }
}
