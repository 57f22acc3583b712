using Rnn.Examples.Common;

/// <summary>
/// The tagger a user would write first: every known word gets the tag it carried most often in training (its
/// lower-cased form, as the RNN sees it); unknown words get the most frequent open-class tag (nouns, verbs, adjectives,
/// adverbs) of the training data.
/// </summary>
internal sealed class MostFrequentTagBaseline
{
    private static readonly HashSet<string> OpenClasses = new(StringComparer.Ordinal) { "NOUN", "VERB", "ADJ", "ADV" };

    private readonly Dictionary<string, string> _tags;

    private MostFrequentTagBaseline(Dictionary<string, string> tags, string unknownTag)
    {
        _tags = tags;
        UnknownTag = unknownTag;
    }

    /// <summary>The tag given to words never seen in training.</summary>
    public string UnknownTag { get; }

    public static MostFrequentTagBaseline Fit(IEnumerable<TaggedSentence> training)
    {
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var tagCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in training)
        {
            for (int i = 0; i < sentence.Length; i++)
            {
                string word = sentence.Words[i].ToLowerInvariant(), tag = sentence.Tags[i];
                if (!counts.TryGetValue(word, out var perTag))
                    counts[word] = perTag = new Dictionary<string, int>(StringComparer.Ordinal);
                perTag[tag] = perTag.GetValueOrDefault(tag) + 1;
                tagCounts[tag] = tagCounts.GetValueOrDefault(tag) + 1;
            }
        }

        // Ties go to the tag that comes first in ordinal order, so the baseline does not depend on reading order.
        var best = counts.ToDictionary(p => p.Key, p => p.Value.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).First().Key, StringComparer.Ordinal);
        string unknown = tagCounts.Where(t => OpenClasses.Contains(t.Key)).OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).First().Key;
        return new MostFrequentTagBaseline(best, unknown);
    }

    /// <summary>Token accuracy over all test tokens, and over the tokens whose word is not in <paramref name="vocabulary"/>.</summary>
    public (double Accuracy, double UnknownAccuracy) Evaluate(IEnumerable<TaggedSentence> test, ISet<string> vocabulary)
    {
        long tokens = 0, right = 0, unknown = 0, unknownRight = 0;
        foreach (var sentence in test)
        {
            for (int i = 0; i < sentence.Length; i++)
            {
                string word = sentence.Words[i].ToLowerInvariant();
                bool correct = _tags.GetValueOrDefault(word, UnknownTag) == sentence.Tags[i];
                tokens++;
                right += correct ? 1 : 0;
                if (vocabulary.Contains(word))
                    continue;
                unknown++;
                unknownRight += correct ? 1 : 0;
            }
        }

        return ((double)right / tokens, unknown == 0 ? 0 : (double)unknownRight / unknown);
    }
}
