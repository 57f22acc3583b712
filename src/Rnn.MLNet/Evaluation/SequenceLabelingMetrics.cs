namespace Rnn.MLNet;

/// <summary>Quality of per-step predictions, counted over real steps only (rows carry their own length, so there is no padding to count).</summary>
/// <param name="TokenAccuracy">Correct steps ÷ all steps.</param>
/// <param name="Steps">Steps evaluated.</param>
/// <param name="Rows">Sequences evaluated.</param>
/// <param name="PerTag">Precision, recall and F1 of every tag, most frequent (by true count) first.</param>
public sealed record SequenceLabelingMetrics(double TokenAccuracy, long Steps, long Rows, IReadOnlyList<TagMetrics> PerTag)
{
    /// <summary>Unweighted mean F1 over tags that occur in the labels.</summary>
    public double MacroF1 => PerTag.Where(t => t.Support > 0).Select(t => t.F1).DefaultIfEmpty(0).Average();
}

/// <summary>One tag's counts and scores.</summary>
/// <param name="Tag">The tag (the label's key value as text).</param>
/// <param name="Support">Steps whose true label is this tag.</param>
/// <param name="Predicted">Steps predicted as this tag.</param>
/// <param name="Correct">Steps both labelled and predicted as this tag.</param>
public sealed record TagMetrics(string Tag, long Support, long Predicted, long Correct)
{
    /// <summary>Correct ÷ predicted (0 when never predicted).</summary>
    public double Precision => Predicted == 0 ? 0 : (double)Correct / Predicted;

    /// <summary>Correct ÷ support (0 when absent from the labels).</summary>
    public double Recall => Support == 0 ? 0 : (double)Correct / Support;

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}
