namespace Rnn.Onnx.Graph;

/// <summary>One dimension of a declared graph input or output: a fixed size or a symbolic name.</summary>
internal readonly record struct OnnxDim(long Size, string? Name)
{
    public static OnnxDim Fixed(long size) => new(size, null);

    public static OnnxDim Named(string name) => new(0, name);

    public static implicit operator OnnxDim(long size) => Fixed(size);

    public static implicit operator OnnxDim(string name) => Named(name);
}
