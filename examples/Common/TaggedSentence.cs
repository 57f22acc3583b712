namespace Rnn.Examples.Common;

/// <summary>
/// A sentence with one part-of-speech tag per word, e.g. from the Brown corpus (see <see cref="BrownCorpus"/>).
/// </summary>
public sealed class TaggedSentence
{
    /// <summary>Creates a sentence; <paramref name="words"/> and <paramref name="tags"/> must have the same, non-zero length.</summary>
    /// <param name="fileId">Source file, e.g. <c>ca01</c>.</param>
    /// <param name="category">Genre of the source file, e.g. <c>news</c>.</param>
    /// <param name="words">Tokens as written (punctuation included).</param>
    /// <param name="tags">Tag of each token.</param>
    /// <exception cref="ArgumentException">The arrays are empty or differ in length.</exception>
    public TaggedSentence(string fileId, string category, string[] words, string[] tags)
    {
        ArgumentNullException.ThrowIfNull(fileId);
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(tags);
        if (words.Length == 0)
            throw new ArgumentException($"A sentence of file '{fileId}' has no words.", nameof(words));
        if (words.Length != tags.Length)
            throw new ArgumentException(
                $"A sentence of file '{fileId}' has {words.Length} words but {tags.Length} tags.", nameof(tags));
        FileId = fileId;
        Category = category;
        Words = words;
        Tags = tags;
    }

    /// <summary>Source file, e.g. <c>ca01</c>; sentences of one file share context (and vocabulary).</summary>
    public string FileId { get; }

    /// <summary>Genre of the source file, e.g. <c>news</c> or <c>fiction</c>.</summary>
    public string Category { get; }

    /// <summary>Tokens as written, punctuation included.</summary>
    public string[] Words { get; }

    /// <summary>Tag of each token (same length as <see cref="Words"/>).</summary>
    public string[] Tags { get; }

    /// <summary>Number of tokens.</summary>
    public int Length => Words.Length;

    /// <summary>
    /// Returns the same sentence with its Brown tags reduced to the universal tagset
    /// (<see cref="BrownTagset.ToUniversal"/>); the word array is shared.
    /// </summary>
    public TaggedSentence WithUniversalTags() =>
        new(FileId, Category, Words, Array.ConvertAll(Tags, BrownTagset.ToUniversal));

    /// <summary>The sentence as <c>word/TAG</c> tokens, for display.</summary>
    public override string ToString() =>
        string.Join(' ', Words.Zip(Tags, (w, t) => $"{w}/{t}"));
}
