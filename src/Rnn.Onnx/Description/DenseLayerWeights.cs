namespace Rnn.Onnx;

/// <summary>A fully connected layer y = W x + b, W row-major [Outputs, Inputs].</summary>
/// <param name="Outputs">Number of outputs (rows of W).</param>
/// <param name="Inputs">Number of inputs (columns of W).</param>
/// <param name="Weights">Row-major [Outputs, Inputs].</param>
/// <param name="Bias">[Outputs].</param>
public sealed record DenseLayerWeights(int Outputs, int Inputs, float[] Weights, float[] Bias);
