namespace Rnn.MLNet.Tests;

/// <summary>
/// <see cref="PaddedBatch"/>es built from rows written out in a test, through a <see cref="SequenceChunk"/> as the library
/// builds them, so the reference and every scorer read the very same padded layout.
/// </summary>
internal static class PaddedBatches
{
    /// <summary>Float rows of <paramref name="inputSize"/> values per step; each row's length is its values ÷ input size.</summary>
    public static PaddedBatch OfValues(int inputSize, params float[][] rows)
    {
        var chunk = new SequenceChunk();
        foreach (var row in rows)
        {
            if (row.Length == 0 || row.Length % inputSize != 0)
                throw new ArgumentException($"A row of {row.Length} values is not a whole number (≥ 1) of steps of {inputSize}.", nameof(rows));
            row.CopyTo(chunk.Append(row.Length, row.Length / inputSize, label: 0));
        }

        return Fill(chunk, new PaddedBatch(inputSize), rows.Length);
    }

    /// <summary>Token rows, one index per step (0 = unknown).</summary>
    public static PaddedBatch OfTokens(params int[][] rows)
    {
        var chunk = new SequenceChunk();
        foreach (var row in rows)
            row.CopyTo(chunk.AppendTokens(row.Length, label: 0));
        return Fill(chunk, new PaddedBatch(1, tokens: true), rows.Length);
    }

    /// <summary>A batch of <paramref name="lengths"/>.Length rows from [rows, maxSteps, inputSize] zero-padded values.</summary>
    public static PaddedBatch OfPadded(ReadOnlySpan<float> padded, ReadOnlySpan<long> lengths, int inputSize)
    {
        int maxSteps = padded.Length / (lengths.Length * inputSize);
        var rows = new float[lengths.Length][];
        for (int row = 0; row < rows.Length; row++)
            rows[row] = padded.Slice(row * maxSteps * inputSize, (int)lengths[row] * inputSize).ToArray();
        return OfValues(inputSize, rows);
    }

    private static PaddedBatch Fill(SequenceChunk chunk, PaddedBatch batch, int count)
    {
        batch.Fill(chunk, Enumerable.Range(0, count).ToArray());
        return batch;
    }
}
