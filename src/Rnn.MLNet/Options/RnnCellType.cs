namespace Rnn.MLNet;

/// <summary>The recurrent cell used by every layer.</summary>
public enum RnnCellType
{
    /// <summary>Elman RNN with tanh activation.</summary>
    Tanh,
    /// <summary>Elman RNN with ReLU activation.</summary>
    Relu,
    /// <summary>Long short-term memory.</summary>
    Lstm,
    /// <summary>Gated recurrent unit.</summary>
    Gru,
}
