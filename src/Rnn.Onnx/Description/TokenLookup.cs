namespace Rnn.Onnx;

/// <summary>
/// How token indices become the first layer's input: a learned embedding table, or one-hot vectors (an index
/// lookup into an identity table, never a dense data matrix). Row 0 is the unknown token; rows 1..V are
/// <see cref="Vocabulary"/>[0..V-1]. Immutable: the factories copy their arguments.
/// </summary>
public sealed class TokenLookup
{
    private readonly string[] _vocabulary;

    private TokenLookup(string[] vocabulary, int width, float[]? weights)
    {
        _vocabulary = vocabulary;
        Vocabulary = Array.AsReadOnly(vocabulary);
        Width = width;
        // Not a conditional expression: C# would turn its null into an empty, non-null ReadOnlyMemory.
        if (weights is not null)
            Weights = weights;
    }

    /// <summary>Tokens fed as one-hot vectors of vocabulary + 1 values.</summary>
    /// <param name="vocabulary">The known tokens, in index order (index = position + 1); copied.</param>
    public static TokenLookup OneHot(IReadOnlyList<string> vocabulary)
    {
        var known = Copy(vocabulary);
        return new TokenLookup(known, known.Length + 1, null);
    }

    /// <summary>Tokens looked up in a learned embedding table.</summary>
    /// <param name="vocabulary">The known tokens, in index order (index = position + 1); copied.</param>
    /// <param name="width">Values per embedding row (the first layer's input size).</param>
    /// <param name="table">Row-major [vocabulary + 1, width] table, row 0 for unknown tokens; copied.</param>
    /// <exception cref="ArgumentException">The table does not hold (vocabulary + 1) × width values.</exception>
    public static TokenLookup Embedding(IReadOnlyList<string> vocabulary, int width, ReadOnlySpan<float> table)
    {
        var known = Copy(vocabulary);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        long expected = (known.Length + 1L) * width;
        if (table.Length != expected)
            throw new ArgumentException(
                $"The embedding table has {table.Length} values; expected [{known.Length + 1}x{width}] = {expected} (unknown row plus vocabulary, times width).",
                nameof(table));
        return new TokenLookup(known, width, table.ToArray());
    }

    /// <summary>The known tokens, in index order (index = position + 1).</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Width of each looked-up vector (the first layer's input size); <see cref="Rows"/> for one-hot.</summary>
    public int Width { get; }

    /// <summary>Row-major [Rows, Width] embedding table, or null for one-hot.</summary>
    public ReadOnlyMemory<float>? Weights { get; }

    /// <summary>Rows of the table: the vocabulary plus the unknown-token row 0.</summary>
    public int Rows => _vocabulary.Length + 1;

    /// <summary>True when tokens are fed as one-hot vectors rather than learned embeddings.</summary>
    public bool IsOneHot => Weights is null;

    /// <summary>The index of <paramref name="token"/> (ordinal comparison), or 0 (unknown).</summary>
    public int IndexOf(string token) => Array.IndexOf(_vocabulary, token) + 1;

    private static string[] Copy(IReadOnlyList<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var known = vocabulary.ToArray();
        int missing = Array.IndexOf(known, null);
        if (missing >= 0)
            throw new ArgumentException($"Vocabulary entry {missing} is null; expected a token.", nameof(vocabulary));
        return known;
    }
}
