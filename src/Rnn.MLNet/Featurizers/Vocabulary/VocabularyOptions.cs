namespace Rnn.MLNet;

/// <summary>
/// Options shared by <see cref="VocabularyOneHotEstimator"/> and <see cref="EmbeddingIndicesEstimator"/>: where the
/// tokens come from, which of them get an index, and how long a row may be.
/// </summary>
/// <remarks>
/// The vocabulary is built in Fit: tokens are counted over the training rows (after tokenization, case folding and
/// truncation, i.e. exactly as the network will see them), tokens seen fewer than <see cref="MinimumFrequency"/>
/// times are dropped, and the <see cref="MaximumVocabularySize"/> most frequent are kept, most frequent first (ties
/// in ordinal order). Token i of that list gets key i + 1; every other token, seen or not, gets key 0 (unknown).
/// </remarks>
public abstract class VocabularyOptions
{
    private protected VocabularyOptions(int maximumVocabularySize) => MaximumVocabularySize = maximumVocabularySize;

    /// <summary>Input column: a vector of text tokens, or text when <see cref="Tokenization"/> is Words or Characters. Null means the same as <see cref="OutputColumnName"/>.</summary>
    public string? InputColumnName { get; set; }

    /// <summary>
    /// Output column: a vector of keys, <c>Vector&lt;Key&lt;UInt32, V&gt;&gt;</c> with V = vocabulary size, one key per token.
    /// Variable-size, except when the input is a known-size token vector that nothing splits, folds or truncates.
    /// </summary>
    public string OutputColumnName { get; set; } = "Features";

    /// <summary>How tokens are made from the input; <see cref="TextTokenization.None"/> when it already holds tokens.</summary>
    public TextTokenization Tokenization { get; set; } = TextTokenization.None;

    /// <summary>Word separators for <see cref="TextTokenization.Words"/>; a space by default.</summary>
    public char[] Separators { get; set; } = [' '];

    /// <summary>When false, tokens are lower-cased (invariant culture) before counting and lookup, so "The" and "the" share a key.</summary>
    public bool CaseSensitive { get; set; } = true;

    /// <summary>At most this many tokens get a key of their own; the rest map to 0 (unknown).</summary>
    public int MaximumVocabularySize { get; set; }

    /// <summary>Tokens seen fewer times than this in the training data map to 0 (unknown).</summary>
    public int MinimumFrequency { get; set; } = 1;

    /// <summary>Longest sequence kept, in tokens; null keeps every token. Longer rows are cut as <see cref="Truncation"/> says; shorter rows are not padded.</summary>
    public int? MaximumLength { get; set; }

    /// <summary>Which end of a long row is kept: the first <see cref="MaximumLength"/> tokens (default) or the last.</summary>
    public SequenceTruncation Truncation { get; set; } = SequenceTruncation.KeepHead;

    internal string InputColumn => InputColumnName ?? OutputColumnName;

    internal void Validate()
    {
        string owner = GetType().Name;
        OptionChecks.ColumnName(owner, nameof(OutputColumnName), OutputColumnName);
        if (InputColumnName is not null)
            OptionChecks.ColumnName(owner, nameof(InputColumnName), InputColumnName);
        OptionChecks.Defined(owner, nameof(Tokenization), Tokenization);
        OptionChecks.Defined(owner, nameof(Truncation), Truncation);
        if (Tokenization == TextTokenization.Words && (Separators is null || Separators.Length == 0))
            throw OptionChecks.Bad(owner, nameof(Separators), Separators is null ? null : "[]", "at least one separator character for Tokenization = Words");
        OptionChecks.Positive(owner, nameof(MaximumVocabularySize), MaximumVocabularySize, "tokens with a key of their own");
        OptionChecks.Positive(owner, nameof(MinimumFrequency), MinimumFrequency, "times a token must occur in the training data");
        if (MaximumLength is int length)
            OptionChecks.Positive(owner, nameof(MaximumLength), length, "tokens kept per row, or null for no limit");
    }

    /// <summary>A copy, so later edits to the caller's object do not change a constructed estimator.</summary>
    internal VocabularyOptions Clone()
    {
        var copy = (VocabularyOptions)MemberwiseClone();
        copy.Separators = (char[])Separators?.Clone()!;
        return copy;
    }
}
