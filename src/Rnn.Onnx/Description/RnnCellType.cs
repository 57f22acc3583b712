namespace Rnn.Onnx;

/// <summary>
/// The recurrent cell of every layer: what <c>RnnTrainerOptions.CellType</c> trains and what an exported network
/// description records, independent of the framework that trained it.
/// </summary>
public enum RnnCellType
{
    /// <summary>Elman RNN with tanh activation: h' = tanh(W x + R h + b).</summary>
    Tanh,
    /// <summary>Elman RNN with ReLU activation: h' = relu(W x + R h + b).</summary>
    Relu,
    /// <summary>Long short-term memory.</summary>
    Lstm,
    /// <summary>Gated recurrent unit (reset gate applied after the recurrent matrix product, as in PyTorch).</summary>
    Gru,
}

/// <summary>Facts about cell types that every consumer of a description needs.</summary>
public static class RnnCellTypeExtensions
{
    /// <summary>Number of gate blocks stacked in each weight matrix: 4 for LSTM, 3 for GRU, 1 for Elman.</summary>
    public static int GateCount(this RnnCellType cell) => cell switch
    {
        RnnCellType.Lstm => 4,
        RnnCellType.Gru => 3,
        RnnCellType.Tanh or RnnCellType.Relu => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell, "Unknown recurrent cell type."),
    };
}
