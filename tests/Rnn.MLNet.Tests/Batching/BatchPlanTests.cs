namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class BatchPlanTests
{
    private const int BatchSize = 8;

    private static SequenceChunk Chunk(int rows, int minSteps, int maxSteps, int seed = 1)
    {
        var random = new Random(seed);
        var chunk = new SequenceChunk();
        for (int row = 0; row < rows; row++)
            chunk.AppendTokens(random.Next(minSteps, maxSteps + 1), label: 0).Fill(row);
        return chunk;
    }

    private static List<int[]> Batches(BatchPlan plan) => [.. Enumerable.Range(0, plan.Count).Select(b => plan.Batch(b).ToArray())];

    private static List<int[]> Planned(SequenceChunk chunk, int seed = 7, int epoch = 1, int chunkIndex = 0, bool shuffle = true, bool group = true)
    {
        var plan = new BatchPlan(BatchSize, shuffle, group, seed);
        plan.Plan(chunk, new Random(seed), epoch, chunkIndex);
        return Batches(plan);
    }

    /// <summary>Real steps ÷ padded steps over all batches.</summary>
    private static double Fill(SequenceChunk chunk, List<int[]> batches) =>
        batches.Sum(b => b.Sum(chunk.Steps)) / (double)batches.Sum(b => b.Length * b.Max(chunk.Steps));

    [TestMethod]
    public void EveryRowIsTrainedOncePerEpochInBatchesOfTheBatchSize()
    {
        var chunk = Chunk(rows: 1_003, minSteps: 1, maxSteps: 60);

        var batches = Planned(chunk);

        CollectionAssert.AreEquivalent(Enumerable.Range(0, chunk.Count).ToArray(), batches.SelectMany(b => b).ToArray());
        Assert.AreEqual(1, batches.Count(b => b.Length != BatchSize), "only one batch is short");
        Assert.AreEqual(1_003 % BatchSize, batches.Single(b => b.Length != BatchSize).Length);
    }

    [TestMethod]
    public void BatchesHoldRowsOfSimilarLengthAndRunInAShuffledOrder()
    {
        var chunk = Chunk(rows: 2_000, minSteps: 1, maxSteps: 60);

        var grouped = Planned(chunk);
        var random = Planned(chunk, group: false);

        double groupedFill = Fill(chunk, grouped), randomFill = Fill(chunk, random);
        Assert.IsTrue(groupedFill > 0.95, $"grouped batches are {groupedFill:P1} real steps");
        Assert.IsTrue(randomFill < 0.7, $"random batches are {randomFill:P1} real steps");
        // Sorted windows, but not sorted batches: the longest row of consecutive batches goes up and down.
        var longest = grouped.Select(b => b.Max(chunk.Steps)).ToArray();
        int falls = longest.Zip(longest.Skip(1)).Count(p => p.Second < p.First);
        Assert.IsTrue(falls > grouped.Count / 4, $"batch order looks sorted: only {falls} of {grouped.Count} steps go down in length");
    }

    [TestMethod]
    public void ThePlanDependsOnlyOnSeedEpochChunkAndData()
    {
        var chunk = Chunk(rows: 500, minSteps: 1, maxSteps: 30);

        var first = Planned(chunk);
        var again = Planned(chunk);

        Assert.IsTrue(first.Zip(again).All(p => p.First.SequenceEqual(p.Second)), "same seed, epoch and chunk give the same batches");
        Assert.IsFalse(first.Zip(Planned(chunk, epoch: 2)).All(p => p.First.SequenceEqual(p.Second)), "another epoch gives another order");
        Assert.IsFalse(first.Zip(Planned(chunk, chunkIndex: 1)).All(p => p.First.SequenceEqual(p.Second)), "another chunk gives another order");
        Assert.IsFalse(first.Zip(Planned(chunk, seed: 8)).All(p => p.First.SequenceEqual(p.Second)), "another seed gives another order");
    }

    [TestMethod]
    [DataRow(true, DisplayName = "lengths differ")]
    [DataRow(false, DisplayName = "one length")]
    public void TheShuffleGeneratorDrawsAsManyNumbersAsTheChunkHasRows(bool mixedLengths)
    {
        // A resumed run replays the generator from the chunk sizes alone (RnnTrainingLoop.ReplayShuffles).
        var chunk = mixedLengths ? Chunk(rows: 300, minSteps: 1, maxSteps: 30) : Chunk(rows: 300, minSteps: 5, maxSteps: 5);
        var used = new Random(3);
        new BatchPlan(BatchSize, shuffle: true, groupByLength: true, seed: 3).Plan(chunk, used, epoch: 1, chunkIndex: 0);
        var replayed = new Random(3);
        replayed.Shuffle(new int[chunk.Count]);

        Assert.AreEqual(replayed.Next(), used.Next());
    }

    [TestMethod]
    public void RowsOfOneLengthKeepPlainShuffledBatches()
    {
        // Fixed-length data trains exactly as before grouping existed: consecutive slices of the shuffled rows.
        var chunk = Chunk(rows: 100, minSteps: 28, maxSteps: 28);
        var order = Enumerable.Range(0, chunk.Count).ToArray();
        new Random(7).Shuffle(order);

        var batches = Planned(chunk);

        CollectionAssert.AreEqual(order, batches.SelectMany(b => b).ToArray());
    }

    [TestMethod]
    public void WithoutShufflingBatchesAreConsecutiveRowsInDataOrder()
    {
        var chunk = Chunk(rows: 50, minSteps: 1, maxSteps: 30);

        var batches = Planned(chunk, shuffle: false);

        CollectionAssert.AreEqual(Enumerable.Range(0, chunk.Count).ToArray(), batches.SelectMany(b => b).ToArray());
    }

    [TestMethod]
    public void PlanByLengthGoesFromShortestToLongest()
    {
        var chunk = Chunk(rows: 77, minSteps: 1, maxSteps: 30);
        var plan = new BatchPlan(BatchSize);

        plan.PlanByLength(chunk);

        var rows = Batches(plan).SelectMany(b => b).ToArray();
        CollectionAssert.AreEquivalent(Enumerable.Range(0, chunk.Count).ToArray(), rows);
        CollectionAssert.AreEqual(rows.Select(chunk.Steps).Order().ToArray(), rows.Select(chunk.Steps).ToArray());
    }
}
