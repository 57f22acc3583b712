namespace Rnn.MLNet;

/// <summary>Per-row checks on feature and label values, shared by training and scoring.</summary>
internal static class SequenceRowChecks
{
    /// <summary>Returns the number of steps in a row, or throws naming the column, the row and what was expected.</summary>
    public static int Steps(ReadOnlySpan<float> values, int inputSize, string column, long row)
    {
        if (values.Length == 0)
            throw new InvalidOperationException(
                $"Feature column '{column}', row {row}: the sequence is empty; every row needs at least one step of InputSize = {inputSize} values.");
        if (values.Length % inputSize != 0)
            throw new InvalidOperationException(
                $"Feature column '{column}', row {row}: the vector has {values.Length} values, which is not a multiple of InputSize = {inputSize} (expected steps × InputSize values).");

        int bad = IndexOfNonFinite(values);
        if (bad >= 0)
            throw new InvalidOperationException(
                $"Feature column '{column}', row {row}: value {bad} (step {bad / inputSize}, feature {bad % inputSize}) is {values[bad].ToString(System.Globalization.CultureInfo.InvariantCulture)}; features must be finite numbers.");
        return values.Length / inputSize;
    }

    /// <summary>Turns a 1-based key into a 0-based class, rejecting missing (0) and out-of-range keys.</summary>
    public static int ClassIndex(ulong key, int classCount, string column, long row)
    {
        if (key == 0)
            throw new InvalidOperationException(
                $"Label column '{column}', row {row}: the key value is missing (0); every training row needs a label in 1..{classCount}.");
        if (key > (ulong)classCount)
            throw new InvalidOperationException(
                $"Label column '{column}', row {row}: key value {key} is outside the key range 1..{classCount}.");
        return (int)(key - 1);
    }

    private static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                return i;
        }

        return -1;
    }
}
