namespace Rnn.Examples.Common;

/// <summary>
/// Reproducible train/test splits: the same items, fraction and seed always give the same split, on
/// every platform and .NET version (a small SplitMix64 generator of our own rather than
/// <see cref="System.Random"/>, whose seeded sequence .NET does not promise to keep).
/// </summary>
/// <remarks>
/// Both parts come out shuffled, not in input order: data sets such as SpamAssassin are stored grouped
/// by class, and a trainer that shuffles only within a bounded buffer would otherwise see long runs
/// of one class.
/// </remarks>
public static class DataSplit
{
    /// <summary>
    /// Splits <paramref name="items"/> at random into train and test, with
    /// <c>round(count × testFraction)</c> test items.
    /// </summary>
    /// <param name="items">Items to split; not modified.</param>
    /// <param name="testFraction">Share of items in the test part, strictly between 0 and 1 (e.g. 0.1).</param>
    /// <param name="seed">Seed of the shuffle.</param>
    public static TrainTestSplit<T> Random<T>(IReadOnlyList<T> items, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(items);
        CheckFraction(testFraction);
        var rng = new SplitMix64(seed);
        var order = Enumerable.Range(0, items.Count).ToArray();
        rng.Shuffle(order);
        var testCount = TestCount(items.Count, testFraction);
        return new TrainTestSplit<T>(
            order[testCount..].Select(i => items[i]).ToArray(),
            order[..testCount].Select(i => items[i]).ToArray());
    }

    /// <summary>
    /// Splits <paramref name="items"/> so that every class keeps its share in both parts: each class
    /// (value of <paramref name="key"/>) sends <c>round(classCount × testFraction)</c> of its items,
    /// chosen at random, to the test part.
    /// </summary>
    /// <param name="items">Items to split; not modified.</param>
    /// <param name="key">Class of an item, e.g. <c>m =&gt; m.IsSpam</c> or <c>m =&gt; m.Group</c>.</param>
    /// <param name="testFraction">Share of each class in the test part, strictly between 0 and 1 (e.g. 0.2).</param>
    /// <param name="seed">Seed of the shuffles.</param>
    public static TrainTestSplit<T> Stratified<T, TKey>(IReadOnlyList<T> items, Func<T, TKey> key, double testFraction, int seed)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(key);
        CheckFraction(testFraction);

        // Classes in order of first appearance, so the result does not depend on hash ordering.
        var classes = new Dictionary<TKey, List<int>>();
        var classOrder = new List<List<int>>();
        for (var i = 0; i < items.Count; i++)
        {
            var k = key(items[i]);
            if (!classes.TryGetValue(k, out var members))
            {
                classes[k] = members = [];
                classOrder.Add(members);
            }
            members.Add(i);
        }

        var rng = new SplitMix64(seed);
        var train = new List<int>(items.Count);
        var test = new List<int>();
        foreach (var members in classOrder)
        {
            var order = members.ToArray();
            rng.Shuffle(order);
            var testCount = TestCount(order.Length, testFraction);
            test.AddRange(order[..testCount]);
            train.AddRange(order[testCount..]);
        }

        // Mix the classes within each part (see the remarks on the class).
        var trainOrder = train.ToArray();
        var testOrder = test.ToArray();
        rng.Shuffle(trainOrder);
        rng.Shuffle(testOrder);
        return new TrainTestSplit<T>(
            trainOrder.Select(i => items[i]).ToArray(),
            testOrder.Select(i => items[i]).ToArray());
    }

    private static int TestCount(int count, double testFraction) =>
        (int)Math.Round(count * testFraction, MidpointRounding.AwayFromZero);

    private static void CheckFraction(double testFraction)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction,
                "The test fraction must be strictly between 0 and 1, e.g. 0.2 for an 80/20 split.");
    }

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and fully specified, hence stable.</summary>
    private sealed class SplitMix64(int seed)
    {
        private ulong _state = unchecked((ulong)seed);

        private ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform integer in [0, bound), without modulo bias (Lemire's multiply-shift with rejection).</summary>
        private int NextInt(int bound)
        {
            var threshold = (0UL - (ulong)bound) % (ulong)bound;
            while (true)
            {
                var product = Math.BigMul(Next(), (ulong)bound, out var low);
                if (low >= threshold)
                    return (int)product;
            }
        }

        /// <summary>Fisher–Yates shuffle in place.</summary>
        public void Shuffle(int[] values)
        {
            for (var i = values.Length - 1; i > 0; i--)
            {
                var j = NextInt(i + 1);
                (values[i], values[j]) = (values[j], values[i]);
            }
        }
    }
}
