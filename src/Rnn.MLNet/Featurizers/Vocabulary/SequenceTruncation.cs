namespace Rnn.MLNet;

/// <summary>Which tokens a vocabulary featurizer keeps when a row has more than <see cref="VocabularyOptions.MaximumLength"/>.</summary>
public enum SequenceTruncation
{
    /// <summary>Keep the first tokens, drop the rest.</summary>
    KeepHead,

    /// <summary>Keep the last tokens, drop the ones before (recurrent networks remember recent steps best).</summary>
    KeepTail,
}
