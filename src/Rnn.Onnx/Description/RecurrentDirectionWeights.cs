namespace Rnn.Onnx;

/// <summary>
/// Weights of one direction of one recurrent layer, in PyTorch's layout and gate order
/// (LSTM i,f,g,o; GRU r,z,n). Matrices are row-major. Immutable: the constructor copies its arguments.
/// </summary>
public sealed class RecurrentDirectionWeights
{
    /// <summary>Copies the four weight blocks; later edits to the caller's buffers do not reach this object.</summary>
    /// <param name="inputWeights">[G*H, inputWidth]: the input-to-hidden matrix.</param>
    /// <param name="recurrentWeights">[G*H, H]: the hidden-to-hidden matrix.</param>
    /// <param name="inputBias">[G*H]: bias added to the input product.</param>
    /// <param name="recurrentBias">[G*H]: bias added to the recurrent product.</param>
    public RecurrentDirectionWeights(
        ReadOnlySpan<float> inputWeights,
        ReadOnlySpan<float> recurrentWeights,
        ReadOnlySpan<float> inputBias,
        ReadOnlySpan<float> recurrentBias)
    {
        InputWeights = inputWeights.ToArray();
        RecurrentWeights = recurrentWeights.ToArray();
        InputBias = inputBias.ToArray();
        RecurrentBias = recurrentBias.ToArray();
    }

    /// <summary>[G*H, inputWidth]: the input-to-hidden matrix.</summary>
    public ReadOnlyMemory<float> InputWeights { get; }

    /// <summary>[G*H, H]: the hidden-to-hidden matrix.</summary>
    public ReadOnlyMemory<float> RecurrentWeights { get; }

    /// <summary>[G*H]: bias added to the input product.</summary>
    public ReadOnlyMemory<float> InputBias { get; }

    /// <summary>[G*H]: bias added to the recurrent product.</summary>
    public ReadOnlyMemory<float> RecurrentBias { get; }
}
