namespace Rnn.Onnx;

/// <summary>The recurrent cell of a layer, independent of the framework that trained it.</summary>
public enum RecurrentCellKind
{
    /// <summary>Elman RNN, h' = tanh(W x + R h + b).</summary>
    Tanh,
    /// <summary>Elman RNN, h' = relu(W x + R h + b).</summary>
    Relu,
    /// <summary>Long short-term memory.</summary>
    Lstm,
    /// <summary>Gated recurrent unit (reset gate applied after the recurrent matrix product, as in PyTorch).</summary>
    Gru,
}

/// <summary>Facts about cell kinds that every consumer of a description needs.</summary>
public static class RecurrentCellKindExtensions
{
    /// <summary>Number of gate blocks stacked in each weight matrix: 4 for LSTM, 3 for GRU, 1 for Elman.</summary>
    public static int GateCount(this RecurrentCellKind kind) => kind switch
    {
        RecurrentCellKind.Lstm => 4,
        RecurrentCellKind.Gru => 3,
        RecurrentCellKind.Tanh or RecurrentCellKind.Relu => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown recurrent cell kind."),
    };
}
