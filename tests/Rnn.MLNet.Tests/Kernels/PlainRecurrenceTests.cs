using Rnn.Tests.Reference;

namespace Rnn.MLNet.Tests;

/// <summary>
/// The guard's own step-by-step computation (<see cref="PlainRecurrence"/>, in the library) agrees with the test-only
/// reference (<see cref="ReferenceCell"/>, written separately from PyTorch's equations), so a wrong guard cannot call a
/// right kernel wrong or a wrong one right.
/// </summary>
[TestClass]
public sealed class PlainRecurrenceTests
{
    public static IEnumerable<object[]> Cells() => Enum.GetValues<RnnCellType>().Select(c => new object[] { c });

    [TestMethod]
    [DynamicData(nameof(Cells))]
    public void AgreesWithTheTestReferenceOnRowsOfDifferentLengths(RnnCellType cell)
    {
        const int Input = 4, Hidden = 6, Steps = 7;
        int[] lengths = [7, 1, 4];
        var random = new Random(5);
        int gates = PlainRecurrence.GatesOf(cell);
        float[] Draw(int count) => [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 1.6 - 0.8))];
        var weights = new RecurrentDirectionWeights(Draw(gates * Hidden * Input), Draw(gates * Hidden * Hidden), Draw(gates * Hidden), Draw(gates * Hidden));
        var values = Draw(lengths.Length * Steps * Input);

        var plain = new PlainRecurrence(cell, Input, Hidden, weights.InputWeights.ToArray(), weights.RecurrentWeights.ToArray(), weights.InputBias.ToArray(), weights.RecurrentBias.ToArray())
            .Run(values, lengths, Steps);

        var reference = new ReferenceCell(cell, Hidden, weights);
        for (int row = 0; row < lengths.Length; row++)
        {
            var h = new double[Hidden];
            var c = new double[Hidden];
            for (int t = 0; t < Steps; t++)
            {
                int at = (row * Steps + t) * Hidden;
                if (t >= lengths[row])
                {
                    Assert.IsTrue(plain.AsSpan(at, Hidden).IndexOfAnyExcept(0.0) < 0, "steps past a row's length stay 0");
                    continue;
                }

                reference.Step([.. values.AsSpan((row * Steps + t) * Input, Input).ToArray().Select(v => (double)v)], h, c);
                for (int j = 0; j < Hidden; j++)
                    Assert.AreEqual(h[j], plain[at + j], 1e-12, $"{cell} row {row} step {t} unit {j}");
            }
        }
    }
}
