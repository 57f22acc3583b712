namespace Rnn.MLNet;

/// <summary>
/// Reads one row's label into a training chunk (<see cref="SequenceReader"/>), checking it and naming the row when it is
/// wrong. A class per row travels with the row (read before its features, <see cref="RowLabel"/>); per-step classes and
/// regression targets are stored beside it once its features are in (<see cref="AfterRow"/>).
/// </summary>
internal abstract class RowLabels
{
    /// <summary>True when rows carry one label per step, which a chunk sizes its buffers for.</summary>
    public virtual bool LabelsEveryStep => false;

    /// <summary>The current row's class, 0-based, stored with the row; 0 for heads that store their labels beside it.</summary>
    public virtual int RowLabel(long row) => 0;

    /// <summary>Stores the current row's labels beside the row just appended (of <paramref name="steps"/> steps).</summary>
    public virtual void AfterRow(SequenceChunk chunk, int steps, long row)
    {
    }
}
