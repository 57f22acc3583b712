using Microsoft.ML.Data;

namespace Rnn.Benchmarks.Data;

/// <summary>Nine integers of a rolled 0..9 run in, the tenth as the label (the integer-sequence tutorial's task).</summary>
internal sealed class RolledRow
{
    public const int Length = 10;

    [VectorType(Length - 1)]
    public float[] Features { get; set; } = [];

    public float Label { get; set; }
}

/// <summary>Rolled copies of 0..9: roll k gives k, k+1, …, k+9 (mod 10); the same generator as examples/IntegerSequences.</summary>
internal static class RolledIntegers
{
    public static RolledRow[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new RolledRow[count];
        for (int i = 0; i < count; i++)
        {
            int roll = random.Next(RolledRow.Length);
            var values = Enumerable.Range(0, RolledRow.Length).Select(v => (float)((v + roll) % RolledRow.Length)).ToArray();
            rows[i] = new RolledRow { Features = values[..^1], Label = values[^1] };
        }

        return rows;
    }
}
