namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class PaddedBatchTests
{
    private const int Width = 2;

    private static SequenceChunk Chunk(params int[] steps)
    {
        var chunk = new SequenceChunk();
        for (int row = 0; row < steps.Length; row++)
        {
            var values = chunk.Append(steps[row] * Width, steps[row], label: row);
            for (int i = 0; i < values.Length; i++)
                values[i] = row * 100 + i + 1;
        }

        return chunk;
    }

    private static float[] Expected(SequenceChunk chunk, int[] rows, int maxSteps)
    {
        var expected = new float[rows.Length * maxSteps * Width];
        for (int i = 0; i < rows.Length; i++)
            chunk.Values(rows[i], Width).CopyTo(expected.AsSpan(i * maxSteps * Width));
        return expected;
    }

    [TestMethod]
    [DataRow(new[] { 0, 1, 2 }, DisplayName = "consecutive, equal lengths (read in place)")]
    [DataRow(new[] { 2, 0, 1 }, DisplayName = "shuffled (copied)")]
    [DataRow(new[] { 1, 2 }, DisplayName = "consecutive from the middle")]
    public void EqualLengthRowsComeOutInRowOrder(int[] rows)
    {
        var chunk = Chunk(3, 3, 3);
        var batch = new PaddedBatch(Width);

        batch.Fill(chunk, rows);

        Assert.AreEqual(3, batch.MaxSteps);
        CollectionAssert.AreEqual(Enumerable.Repeat(3, rows.Length).ToArray(), batch.Lengths.ToArray());
        CollectionAssert.AreEqual(Expected(chunk, rows, 3), batch.Values.ToArray());
    }

    [TestMethod]
    public void UnequalLengthsArePaddedWithZeros()
    {
        var chunk = Chunk(2, 4, 1);
        var batch = new PaddedBatch(Width);
        int[] rows = [0, 1, 2];

        batch.Fill(chunk, rows);

        Assert.AreEqual(4, batch.MaxSteps);
        CollectionAssert.AreEqual(new[] { 2, 4, 1 }, batch.Lengths.ToArray());
        CollectionAssert.AreEqual(Expected(chunk, rows, 4), batch.Values.ToArray());
    }

    [TestMethod]
    public void ABatchAfterAnInPlaceOneIsItsOwn()
    {
        var chunk = Chunk(2, 2, 3);
        var batch = new PaddedBatch(Width);
        batch.Fill(chunk, [0, 1]);
        batch.Fill(chunk, [1, 2]);

        CollectionAssert.AreEqual(Expected(chunk, [1, 2], 3), batch.Values.ToArray());
    }

    [TestMethod]
    public void TokenRowsArePaddedWithIndexZero()
    {
        var chunk = new SequenceChunk();
        new[] { 7, 8 }.CopyTo(chunk.AppendTokens(2, label: 0));
        new[] { 1, 2, 3 }.CopyTo(chunk.AppendTokens(3, label: 1));
        var batch = new PaddedBatch(1, tokens: true);

        batch.Fill(chunk, [1, 0]);

        Assert.AreEqual(3, batch.MaxSteps);
        CollectionAssert.AreEqual(new[] { 3, 2 }, batch.Lengths.ToArray());
        CollectionAssert.AreEqual(new long[] { 1, 2, 3, 7, 8, 0 }, batch.TokenIndices().ToArray());
    }
}
