namespace Rnn.MLNet;

/// <summary>How a vocabulary featurizer gets tokens from its input column.</summary>
public enum TextTokenization
{
    /// <summary>The input already is a vector of text tokens (e.g. from <c>mlContext.Transforms.Text.TokenizeIntoWords</c>).</summary>
    None,

    /// <summary>Split text at <see cref="VocabularyOptions.Separators"/> with ML.NET's <c>TokenizeIntoWords</c>; empty tokens are dropped.</summary>
    Words,

    /// <summary>One token per character (UTF-16 code unit), spaces and punctuation included.</summary>
    Characters,
}
