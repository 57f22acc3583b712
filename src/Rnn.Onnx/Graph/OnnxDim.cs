namespace Rnn.Onnx.Graph;

/// <summary>
/// One dimension of a declared graph input or output: a fixed size or a symbolic name (a size the graph leaves
/// open, e.g. "batch"). Converts implicitly from a <see cref="long"/> (fixed) and a <see cref="string"/> (named).
/// </summary>
public readonly record struct OnnxDim
{
    private OnnxDim(long size, string? name)
    {
        Size = size;
        Name = name;
    }

    /// <summary>The fixed size; 0 for a named dimension.</summary>
    public long Size { get; }

    /// <summary>The symbolic name, or null for a fixed size.</summary>
    public string? Name { get; }

    /// <summary>A dimension of exactly <paramref name="size"/> elements.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    public static OnnxDim Fixed(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new(size, null);
    }

    /// <summary>A dimension whose size is left open and called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public static OnnxDim Named(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new(0, name);
    }

    /// <summary>Same as <see cref="Fixed"/>.</summary>
    public static implicit operator OnnxDim(long size) => Fixed(size);

    /// <summary>Same as <see cref="Named"/>.</summary>
    public static implicit operator OnnxDim(string name) => Named(name);
}
