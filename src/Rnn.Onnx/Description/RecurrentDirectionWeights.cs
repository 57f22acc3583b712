namespace Rnn.Onnx;

/// <summary>
/// Weights of one direction of one recurrent layer, in PyTorch's layout and gate order
/// (LSTM i,f,g,o; GRU r,z,n). Matrices are row-major float arrays.
/// </summary>
/// <param name="InputWeights">[G*H, inputWidth]: the input-to-hidden matrix.</param>
/// <param name="RecurrentWeights">[G*H, H]: the hidden-to-hidden matrix.</param>
/// <param name="InputBias">[G*H]: bias added to the input product.</param>
/// <param name="RecurrentBias">[G*H]: bias added to the recurrent product.</param>
public sealed record RecurrentDirectionWeights(
    float[] InputWeights,
    float[] RecurrentWeights,
    float[] InputBias,
    float[] RecurrentBias);
