using System.Diagnostics;
using Rnn.Benchmarks.Data;
using Rnn.Benchmarks.Harness;
using Rnn.Onnx;

namespace Rnn.Benchmarks.Measurements;

/// <summary>
/// Cost per step of streaming (RnnOnnxScorer.OpenStream, LSTM 128 on 28-feature steps): one push per step, pushes of 7
/// steps, and for scale the whole 28-step sequence in one Score call. Each push is timed on its own; the paths take
/// turns in blocks so drift hits them alike.
/// </summary>
internal static class StreamingLatency
{
    private const int Blocks = 10;
    private const int Chunk = 7;

    public static Section Run(BenchSettings settings, ScoringModel model, BenchProgress progress)
    {
        var step = progress.Begin("Streaming latency", Blocks);
        var sequences = ImageRows.Generate(64, seed: 7).Select(r => r.Features).ToArray();
        int width = ImageRow.StepWidth, steps = sequences[0].Length / width;
        using var scorer = new RnnOnnxScorer(model.OnnxPath, new RnnOnnxScorerOptions { IntraOpNumThreads = model.OrtThreads });

        // Each call scores one whole sequence its own way and returns the steps it covered.
        var paths = new (string Name, Func<float[], int> Call)[]
        {
            ("stream, 1 step per push", s => Pushes(scorer, s, width, 1)),
            ($"stream, {Chunk} steps per push", s => Pushes(scorer, s, width, Chunk)),
            ($"context: `Score`, all {steps} steps in one call", s => { scorer.Score(s); return steps; }),
        };
        int perBlock = Math.Max(1, settings.LatencyCalls / Blocks / steps);
        var sorted = Timing.BlockSamples(20, Blocks, perBlock, block => step.Advance($"block {block}/{Blocks}"),
            [.. paths.Select(p => (Func<int, double>)(i =>
            {
                long start = Stopwatch.GetTimestamp();
                int covered = p.Call(sequences[i % sequences.Length]);
                return Stopwatch.GetElapsedTime(start).TotalSeconds / covered;
            }))]);
        double P(int path, double pct) => Timing.Percentile(sorted[path], pct);
        var section = new Section(
            "Streaming latency",
            $"Time per pushed step: {perBlock * Blocks:N0} sequences of {steps} steps × {width} features per path through LSTM {ScoringModel.Hidden}, " +
            "each sequence's pushes timed together and divided by its steps (a new stream per sequence); the paths take turns in " +
            $"{Blocks} blocks after 20 warm-up sequences each. One ONNX Runtime run per push.",
            "path", "p50 per step", "p99 per step", "p50 ÷ Score p50");
        for (int p = 0; p < paths.Length; p++)
            section.Row(paths[p].Name, Format.Us(P(p, 50)), Format.Us(P(p, 99)), Format.Ratio(P(p, 50) / P(2, 50)));
        step.Done($"1-step push p50 {Format.Us(P(0, 50))} per step, {Chunk}-step pushes {Format.Us(P(1, 50))} per step");
        return section;
    }

    private static int Pushes(RnnOnnxScorer scorer, float[] sequence, int width, int chunk)
    {
        var stream = scorer.OpenStream();
        for (int offset = 0; offset < sequence.Length; offset += chunk * width)
            stream.Push(sequence.AsSpan(offset, Math.Min(chunk * width, sequence.Length - offset)));
        return stream.Steps;
    }
}
