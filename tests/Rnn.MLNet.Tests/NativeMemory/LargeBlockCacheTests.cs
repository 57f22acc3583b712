namespace Rnn.MLNet.Tests;

/// <summary>The cache's bookkeeping, on fake blocks (numbers standing for addresses; nothing is allocated).</summary>
[TestClass]
public sealed class LargeBlockCacheTests
{
    private const long MiB = 1 << 20;

    private sealed class FakeCLibrary
    {
        private nint _next = 0x1000;

        public List<(long Size, long Alignment)> Allocations { get; } = [];

        public List<nint> Freed { get; } = [];

        public nint Allocate(long size, long alignment)
        {
            Allocations.Add((size, alignment));
            return _next += 0x1000;
        }

        public void Free(nint block) => Freed.Add(block);
    }

    [TestMethod]
    public void AFreedBlockServesTheNextRequestOfItsSizeClass()
    {
        var c = new FakeCLibrary();
        var cache = Started(budget: 64 * MiB);
        var first = cache.Allocate(3 * MiB, 64, c.Allocate);
        Assert.IsTrue(cache.TryFree(first, c.Free));
        var second = cache.Allocate(3 * MiB - 1000, 64, c.Allocate);

        Assert.AreEqual(first, second);
        Assert.AreEqual(1, c.Allocations.Count);
        Assert.AreEqual(0, c.Freed.Count);
        Assert.AreEqual(1, cache.Reused);
    }

    [TestMethod]
    public void SizeClassesAreAtMostAnEighthWiderThanTheRequest()
    {
        foreach (long size in new[] { MiB, MiB + 1, 3 * MiB + 12345, 70_336L << 10, 75_204L << 10, 1L << 33 })
        {
            long sizeClass = LargeBlockCache.SizeClass(size);
            Assert.IsTrue(sizeClass >= size && sizeClass <= size + size / 8, $"{size} → {sizeClass}");
        }
    }

    [TestMethod]
    public void OtherSizesAndAlignmentsGetTheirOwnBlocks()
    {
        var c = new FakeCLibrary();
        var cache = Started(budget: 64 * MiB);
        var block = cache.Allocate(3 * MiB, 64, c.Allocate);
        cache.TryFree(block, c.Free);

        Assert.AreNotEqual(block, cache.Allocate(6 * MiB, 64, c.Allocate), "a bigger size class");
        Assert.AreNotEqual(block, cache.Allocate(3 * MiB, 2 * MiB, c.Allocate), "a stricter alignment");
        Assert.AreEqual(3, c.Allocations.Count);
    }

    [TestMethod]
    public void ASmallerRequestTakesTheSmallestKeptBlockUpToTwiceItsSize()
    {
        var c = new FakeCLibrary();
        var cache = Started(budget: 64 * MiB);
        var large = cache.Allocate(8 * MiB, 64, c.Allocate);
        var middle = cache.Allocate(6 * MiB, 64, c.Allocate);
        cache.TryFree(large, c.Free);
        cache.TryFree(middle, c.Free);

        Assert.AreEqual(middle, cache.Allocate(4 * MiB, 64, c.Allocate), "the smallest block that fits, 1.5× the request");
        Assert.AreNotEqual(large, cache.Allocate(3 * MiB, 64, c.Allocate), "8 MiB is more than twice 3 MiB: a block of its own");
        Assert.AreEqual(large, cache.Allocate(5 * MiB, 64, c.Allocate));
        Assert.AreEqual(3, c.Allocations.Count);
        Assert.AreEqual(0, cache.CachedBytes);

        // Freed, each block goes back to its own class and serves again.
        cache.TryFree(large, c.Free);
        Assert.AreEqual(8 * MiB, cache.CachedBytes);
        Assert.AreEqual(large, cache.Allocate(8 * MiB, 64, c.Allocate));
    }

    [TestMethod]
    public void ABlockTheCacheDidNotHandOutIsLeftToTheCaller()
    {
        var c = new FakeCLibrary();
        var cache = Started(budget: 64 * MiB);
        Assert.IsFalse(cache.TryFree(0x7777, c.Free));
        Assert.AreEqual(0, c.Freed.Count);
    }

    [TestMethod]
    public void BlocksBeyondTheBudgetGoBackToTheCLibrary()
    {
        var c = new FakeCLibrary();
        var cache = Started(budget: 5 * MiB);
        var a = cache.Allocate(3 * MiB, 64, c.Allocate);
        var b = cache.Allocate(3 * MiB, 64, c.Allocate);
        cache.TryFree(a, c.Free);
        cache.TryFree(b, c.Free);

        CollectionAssert.AreEqual(new[] { a }, c.Freed, "the block kept longest makes room for the newest");
        Assert.AreEqual(LargeBlockCache.SizeClass(3 * MiB), cache.CachedBytes);
        Assert.AreEqual(b, cache.Allocate(3 * MiB, 64, c.Allocate));

        var huge = cache.Allocate(6 * MiB, 64, c.Allocate);
        cache.TryFree(huge, c.Free);
        CollectionAssert.AreEqual(new[] { a, huge }, c.Freed, "a block larger than the whole budget goes back at once");
    }

    [TestMethod]
    public void EvictionTakesTheOldestBlockOutOfTheMiddleOfItsClass()
    {
        var c = new FakeCLibrary();
        var cache = Started(budget: 10 * MiB);
        var blocks = Enumerable.Range(0, 3).Select(_ => cache.Allocate(3 * MiB, 64, c.Allocate)).ToArray();
        var other = cache.Allocate(4 * MiB, 64, c.Allocate);
        cache.TryFree(blocks[1], c.Free);
        cache.TryFree(blocks[0], c.Free);
        cache.TryFree(blocks[2], c.Free);
        cache.TryFree(other, c.Free);

        CollectionAssert.AreEqual(new[] { blocks[1] }, c.Freed, "the first freed goes, though two of its class were freed after it");
        Assert.AreEqual(blocks[2], cache.Allocate(3 * MiB, 64, c.Allocate), "the newest of the class serves first");
        Assert.AreEqual(blocks[0], cache.Allocate(3 * MiB, 64, c.Allocate));
        Assert.AreEqual(other, cache.Allocate(4 * MiB, 64, c.Allocate));
        Assert.AreEqual(0, cache.CachedBytes);
    }

    [TestMethod]
    public void ReleaseHandsEveryKeptBlockBackAndForgetsTheLiveOnes()
    {
        var c = new FakeCLibrary();
        var cache = Started(budget: 64 * MiB);
        var kept = cache.Allocate(3 * MiB, 64, c.Allocate);
        var live = cache.Allocate(3 * MiB, 64, c.Allocate);
        cache.TryFree(kept, c.Free);
        cache.Release(c.Free);

        CollectionAssert.AreEqual(new[] { kept }, c.Freed);
        Assert.IsFalse(cache.TryFree(live, c.Free), "a live block is an ordinary C-library block after release");
        Assert.IsFalse(cache.Takes(3 * MiB), "a released cache takes nothing until started again");
        Assert.AreEqual(0, cache.CachedBytes);
    }

    [TestMethod]
    public void SmallRequestsAndAStoppedCacheAreNotTaken()
    {
        var cache = new LargeBlockCache(MiB, 64 * MiB);
        Assert.IsFalse(cache.Takes(2 * MiB), "not started");
        cache.Start();
        Assert.IsFalse(cache.Takes(MiB - 1));
        Assert.IsTrue(cache.Takes(MiB));
    }

    private static LargeBlockCache Started(long budget)
    {
        var cache = new LargeBlockCache(MiB, budget);
        cache.Start();
        return cache;
    }
}
