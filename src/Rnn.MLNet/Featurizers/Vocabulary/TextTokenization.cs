namespace Rnn.MLNet;

/// <summary>How a vocabulary featurizer gets tokens from its input column.</summary>
public enum TextTokenization
{
    /// <summary>The input already is a vector of text tokens (e.g. from <c>mlContext.Transforms.Text.TokenizeIntoWords</c>).</summary>
    None,

    /// <summary>Split text at <see cref="VocabularyOptions.Separators"/> with ML.NET's <c>TokenizeIntoWords</c>; empty tokens are dropped.</summary>
    Words,

    /// <summary>
    /// One token per character (UTF-16 code unit, via ML.NET's <c>TokenizeIntoCharactersAsKeys</c>), spaces and
    /// punctuation included. Characters outside the Basic Multilingual Plane (e.g. emoji) are two surrogate code
    /// units that ML.NET names alike, so they all share one vocabulary entry (shown as <c>\u4X</c>).
    /// </summary>
    Characters,
}
