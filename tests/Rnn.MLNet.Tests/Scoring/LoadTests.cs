using System.Diagnostics;
using Microsoft.ML;
using Rnn.Onnx;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class LoadTests
{
    private const int Threads = 8;
    private const int SequencesPerThread = 6_250; // 50,000 in total, each scored twice

    public TestContext TestContext { get; set; } = null!;

    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }

    [TestMethod]
    public void EightThreadsShareAScorerAndUseAnEngineEach()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(ml, trainRows: 64);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(new RnnTrainer(ml, options))
            .Fit(SyntheticSequences.Load(ml, SyntheticSequences.Generate(64, 2, 6, seed: 11)));
        var rnn = model.OfType<RnnTransformer>().Single();
        var onnxPath = Path.Combine(Scratch.Folder(TestContext), "load.onnx");
        rnn.ExportOnnx(onnxPath);
        using var scorer = new RnnOnnxScorer(onnxPath);

        var inputs = SyntheticSequences.Generate(Threads * SequencesPerThread, 1, 9, seed: 99);
        // Single-threaded reference, computed once per input with the same calls.
        var referenceEngine = ml.Model.CreatePredictionEngine<SequenceRow, Prediction>(model);
        var expectedScorer = inputs.Select(r => scorer.Score(r.Features).Probabilities).ToArray();
        var expectedEngine = inputs.Select(r => referenceEngine.Predict(r).Score).ToArray();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        long memoryBefore = Process.GetCurrentProcess().WorkingSet64;
        long managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        int errors = 0, mismatches = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            var engine = ml.Model.CreatePredictionEngine<SequenceRow, Prediction>(model);
            for (int i = thread * SequencesPerThread; i < (thread + 1) * SequencesPerThread; i++)
            {
                try
                {
                    if (!scorer.Score(inputs[i].Features).Probabilities.AsSpan().SequenceEqual(expectedScorer[i]))
                        Interlocked.Increment(ref mismatches);
                    if (!engine.Predict(inputs[i]).Score.AsSpan().SequenceEqual(expectedEngine[i]))
                        Interlocked.Increment(ref mismatches);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref errors);
                    Console.WriteLine(e);
                }
            }
        });
        var elapsed = clock.Elapsed;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long memoryAfter = Process.GetCurrentProcess().WorkingSet64;
        long managedAfter = GC.GetTotalMemory(forceFullCollection: true);

        Console.WriteLine($"{Threads} threads, {inputs.Length} sequences × 2 scorers in {elapsed.TotalSeconds:F2} s " +
            $"({2 * inputs.Length / elapsed.TotalSeconds:N0} predictions/s); errors {errors}, mismatches {mismatches}; " +
            $"working set {memoryBefore / 1e6:F1} → {memoryAfter / 1e6:F1} MB, managed heap {managedBefore / 1e6:F1} → {managedAfter / 1e6:F1} MB");
        Assert.AreEqual(0, errors);
        Assert.AreEqual(0, mismatches);
        // Flat: no per-prediction growth (50k predictions leaking even 1 KB each would add 50 MB).
        Assert.IsTrue(managedAfter - managedBefore < 10_000_000, $"managed heap grew by {(managedAfter - managedBefore) / 1e6:F1} MB");
        Assert.IsTrue(memoryAfter - memoryBefore < 100_000_000, $"working set grew by {(memoryAfter - memoryBefore) / 1e6:F1} MB");
    }
}
