namespace Rnn.MLNet;

/// <summary>Which tokens a vocabulary featurizer keeps when a row has more than <see cref="VocabularyOptions.MaximumLength"/>.</summary>
public enum SequenceTruncation
{
    /// <summary>Keep the first tokens, drop the rest.</summary>
    KeepHead,

    /// <summary>Keep the last tokens, drop the ones before (recurrent networks remember recent steps best).</summary>
    KeepTail,

    /// <summary>
    /// Keep the first half of the maximum (rounded up) and the last half, drop the middle: a mail's or a document's
    /// opening and its closing (signature, links, unsubscribe lines) both count. Rows within the maximum are kept whole.
    /// </summary>
    KeepHeadAndTail,
}
