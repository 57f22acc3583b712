using Rnn.Onnx.Tests.Support;

namespace Rnn.Onnx.Tests;

/// <summary>One scorer shared by several threads gives exactly the single-threaded results.</summary>
[TestClass]
public sealed class ScorerConcurrencyTests
{
    [TestMethod]
    public void ConcurrentCallersGetSingleThreadedResults()
    {
        var net = RandomNetworks.Create(RnnCellType.Lstm, 2, true, seed: 61, inputSize: 4, hiddenSize: 8, classes: 5);
        using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));

        // Each work item is a different batch (different sizes and lengths) so threads never share shapes.
        var rng = new Random(62);
        var work = Enumerable.Range(0, 24)
            .Select(i => RandomNetworks.Sequences(100 + i, net.InputSize, [.. Enumerable.Range(0, 1 + i % 5).Select(_ => rng.Next(1, 10))]))
            .ToArray();
        var expected = work.Select(batch => scorer.ScoreBatch(batch)).ToArray();

        const int threads = 6, rounds = 15;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (int round = 0; round < rounds; round++)
            {
                int w = (t * 7 + round) % work.Length;
                var got = ((t + round) % 3) switch
                {
                    0 => scorer.ScoreBatch(work[w]),
                    1 => [.. work[w].Select(s => scorer.Score(s))],
                    _ => LowLevel(scorer, work[w]),
                };
                for (int b = 0; b < got.Count; b++)
                    for (int c = 0; c < scorer.ClassCount; c++)
                        if (Math.Abs(got[b].Probabilities[c] - expected[w][b].Probabilities[c]) > 1e-6)
                            failures.Add($"thread {t} round {round} work {w} seq {b} class {c}: {got[b].Probabilities[c]} vs {expected[w][b].Probabilities[c]}");
            }
        });
        Assert.IsEmpty(failures, string.Join("\n", failures.Take(5)));
    }

    private static IReadOnlyList<RnnPrediction> LowLevel(RnnOnnxScorer scorer, float[][] batch)
    {
        int[] lengths = [.. batch.Select(s => s.Length / scorer.InputSize)];
        int maxSteps = lengths.Max(), row = maxSteps * scorer.InputSize;
        var padded = new float[batch.Length * row];
        for (int b = 0; b < batch.Length; b++)
            batch[b].CopyTo(padded, b * row);
        var p = new float[batch.Length * scorer.ClassCount];
        scorer.ScoreBatch(padded, batch.Length, maxSteps, lengths, p);
        return [.. Enumerable.Range(0, batch.Length).Select(b =>
        {
            var probs = p.AsSpan(b * scorer.ClassCount, scorer.ClassCount).ToArray();
            int best = Array.IndexOf(probs, probs.Max());
            return new RnnPrediction(probs, best, scorer.ClassNames[best]);
        })];
    }
}
