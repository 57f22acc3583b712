namespace Rnn.MLNet;

/// <summary>How often each class occurs among the training targets (rows, or real steps for labeling).</summary>
internal static class LabelCounts
{
    public static long[] Count(SequenceReader reader, int classes, bool perStep, CancellationToken cancellation)
    {
        var counts = new long[classes];
        foreach (var chunk in reader.ReadChunks(cancellation))
        {
            for (int row = 0; row < chunk.Count; row++)
            {
                if (!perStep)
                {
                    counts[chunk.Label(row)]++;
                    continue;
                }

                foreach (int label in chunk.StepLabels(row))
                    counts[label]++;
            }
        }

        return counts;
    }
}
