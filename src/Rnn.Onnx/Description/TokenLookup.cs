namespace Rnn.Onnx;

/// <summary>
/// How token indices become the first layer's input: a learned embedding table, or one-hot vectors (an index
/// lookup into an identity table, never a dense data matrix). Row 0 is the unknown token; rows 1..V are
/// <see cref="Vocabulary"/>[0..V-1].
/// </summary>
/// <param name="Vocabulary">The known tokens, in index order (index = position + 1).</param>
/// <param name="Width">Width of each looked-up vector (the first layer's input size).</param>
/// <param name="Weights">Row-major [Rows, Width] embedding table, or null for one-hot (then Width = Rows).</param>
public sealed record TokenLookup(IReadOnlyList<string> Vocabulary, int Width, float[]? Weights)
{
    /// <summary>Rows of the table: the vocabulary plus the unknown-token row 0.</summary>
    public int Rows => Vocabulary.Count + 1;

    /// <summary>True when tokens are fed as one-hot vectors rather than learned embeddings.</summary>
    public bool IsOneHot => Weights is null;

    /// <summary>The index of <paramref name="token"/>, or 0 (unknown).</summary>
    public int IndexOf(string token)
    {
        for (int i = 0; i < Vocabulary.Count; i++)
        {
            if (string.Equals(Vocabulary[i], token, StringComparison.Ordinal))
                return i + 1;
        }

        return 0;
    }
}
