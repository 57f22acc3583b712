namespace Rnn.Onnx.Scoring;

/// <summary>Argument checks for scoring input, with messages that say where and what was expected.</summary>
internal static class SequenceChecks
{
    /// <summary>Checks one flat sequence and returns its number of steps.</summary>
    public static int Steps(ReadOnlySpan<float> sequence, int inputSize, int? index, string parameter)
    {
        string which = index is int i ? $"Sequence {i}" : "The sequence";
        if (sequence.IsEmpty)
            throw new ArgumentException($"{which} is empty; expected at least one step of {inputSize} values.", parameter);
        if (sequence.Length % inputSize != 0)
            throw new ArgumentException(
                $"{which} has {sequence.Length} values, which is not a multiple of the input size {inputSize}; " +
                $"expected steps × {inputSize} values.", parameter);
        Finite(sequence, inputSize, index, 0, parameter);
        return sequence.Length / inputSize;
    }

    /// <summary>Throws on the first NaN or infinity; <paramref name="offset"/> is where <paramref name="values"/> starts in the caller's buffer.</summary>
    public static void Finite(ReadOnlySpan<float> values, int inputSize, int? sequence, int offset, string parameter)
    {
        for (int k = 0; k < values.Length; k++)
        {
            if (float.IsFinite(values[k]))
                continue;
            string where = sequence is int s ? $"sequence {s}, " : "";
            throw new ArgumentException(
                $"Value {values[k]} at index {offset + k} ({where}step {k / inputSize}, feature {k % inputSize}) " +
                "is not a finite number; expected finite floats.", parameter);
        }
    }

    /// <summary>Throws on the first index outside 0..rows-1 in batch-first rows of <paramref name="maxSteps"/> indices.</summary>
    public static void TokenIndices(ReadOnlySpan<long> padded, int maxSteps, long rows, string parameter)
    {
        for (int i = 0; i < padded.Length; i++)
        {
            if ((ulong)padded[i] < (ulong)rows)
                continue;
            throw new ArgumentException(
                $"Token index {padded[i]} at sequence {i / maxSteps}, step {i % maxSteps} is outside 0..{rows - 1} (0 = unknown, 1..{rows - 1} = vocabulary).", parameter);
        }
    }
}
