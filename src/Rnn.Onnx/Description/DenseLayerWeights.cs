namespace Rnn.Onnx;

/// <summary>A fully connected layer y = W x + b. Immutable: the constructor copies its arguments.</summary>
public sealed class DenseLayerWeights
{
    /// <summary>Copies the weights; later edits to the caller's buffers do not reach this object.</summary>
    /// <param name="outputs">Number of outputs (rows of W).</param>
    /// <param name="inputs">Number of inputs (columns of W).</param>
    /// <param name="weights">W, row-major [outputs, inputs].</param>
    /// <param name="bias">b, [outputs].</param>
    public DenseLayerWeights(int outputs, int inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias)
    {
        Outputs = outputs;
        Inputs = inputs;
        Weights = weights.ToArray();
        Bias = bias.ToArray();
    }

    /// <summary>Number of outputs (rows of W).</summary>
    public int Outputs { get; }

    /// <summary>Number of inputs (columns of W).</summary>
    public int Inputs { get; }

    /// <summary>W, row-major [Outputs, Inputs].</summary>
    public ReadOnlyMemory<float> Weights { get; }

    /// <summary>b, [Outputs].</summary>
    public ReadOnlyMemory<float> Bias { get; }
}
