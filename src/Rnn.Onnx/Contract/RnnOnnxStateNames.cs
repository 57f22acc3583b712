using System.Globalization;

namespace Rnn.Onnx;

/// <summary>Names of the state inputs and outputs of the <see cref="OnnxInputLayout.Stateful"/> graph, per layer.</summary>
public static class RnnOnnxStateNames
{
    /// <summary>Input: layer <paramref name="layer"/>'s hidden state before the chunk, float [batch, HiddenSize].</summary>
    public static string InitialHidden(int layer) => Name("initial_h", layer);

    /// <summary>Input (LSTM only): layer <paramref name="layer"/>'s cell state before the chunk, float [batch, HiddenSize].</summary>
    public static string InitialCell(int layer) => Name("initial_c", layer);

    /// <summary>Output: layer <paramref name="layer"/>'s hidden state after each row's last valid step, float [batch, HiddenSize].</summary>
    public static string FinalHidden(int layer) => Name("final_h", layer);

    /// <summary>Output (LSTM only): layer <paramref name="layer"/>'s cell state after each row's last valid step, float [batch, HiddenSize].</summary>
    public static string FinalCell(int layer) => Name("final_c", layer);

    private static string Name(string kind, int layer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        return string.Create(CultureInfo.InvariantCulture, $"{kind}.layer{layer}");
    }
}
