using System.Diagnostics;
using Microsoft.ML.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>One training run: epochs of shuffled mini-batches over streamed chunks, with progress reports.</summary>
internal sealed class RnnTrainingLoop
{
    private readonly RnnTrainerOptions _options;
    private readonly IChannel _channel;
    private readonly int _seed;

    public RnnTrainingLoop(RnnTrainerOptions options, IChannel channel, int seed)
    {
        _options = options;
        _channel = channel;
        _seed = seed;
    }

    public void Run(RnnClassifierNetwork network, SequenceReader reader, long? rowCount, Device device)
    {
        var optimizer = CreateOptimizer(network);
        var parameters = network.parameters().ToArray();
        var builder = new SequenceBatchBuilder(_options.InputSize);
        var shuffler = new Random(_seed);
        var clock = Stopwatch.StartNew();
        int[] order = [];

        for (int epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            network.train();
            var totals = new EpochTotals();
            foreach (var chunk in reader.ReadChunks())
            {
                if (order.Length < chunk.Count)
                    order = new int[Math.Max(chunk.Count, order.Length * 2)];
                var rows = order.AsSpan(0, chunk.Count);
                for (int i = 0; i < rows.Length; i++)
                    rows[i] = i;
                if (_options.Shuffle)
                    shuffler.Shuffle(rows);

                for (int start = 0; start < rows.Length; start += _options.BatchSize)
                {
                    var batch = rows.Slice(start, Math.Min(_options.BatchSize, rows.Length - start));
                    TrainBatch(network, optimizer, parameters, builder, chunk, batch, device, ref totals);
                    Report(epoch, totals, rowCount ?? reader.RowsPerPass, clock.Elapsed, epochEnd: false);
                }
            }

            Report(epoch, totals, rowCount ?? reader.RowsPerPass, clock.Elapsed, epochEnd: true);
            _channel.Info(MessageSensitivity.None,
                $"Epoch {epoch}/{_options.Epochs}: loss {totals.MeanLoss:F4}, training accuracy {totals.Accuracy:P2}, {totals.Rows} rows, elapsed {clock.Elapsed:hh\\:mm\\:ss\\.f}");
            if (!double.IsFinite(totals.MeanLoss))
                throw new InvalidOperationException(
                    $"Training diverged in epoch {epoch}: the loss is {totals.MeanLoss}. Lower {nameof(RnnTrainerOptions.LearningRate)} (now {_options.LearningRate}) or set {nameof(RnnTrainerOptions.GradientClipNorm)}.");
        }

        network.eval();
    }

    private void TrainBatch(
        RnnClassifierNetwork network, optim.Optimizer optimizer, Parameter[] parameters, SequenceBatchBuilder builder,
        SequenceChunk chunk, ReadOnlySpan<int> batch, Device device, ref EpochTotals totals)
    {
        using var scope = NewDisposeScope();
        var (inputs, lengths) = builder.Inputs(chunk, batch, device);
        var labels = builder.Labels(chunk, batch, device);

        optimizer.zero_grad();
        var logits = network.call(inputs, lengths);
        var loss = nn.functional.cross_entropy(logits, labels);
        loss.backward();
        if (_options.GradientClipNorm > 0)
            nn.utils.clip_grad_norm_(parameters, _options.GradientClipNorm);
        optimizer.step();

        totals.Rows += batch.Length;
        totals.LossSum += loss.item<float>() * batch.Length;
        totals.Correct += logits.argmax(1).eq(labels).sum().item<long>();
    }

    private optim.Optimizer CreateOptimizer(RnnClassifierNetwork network) => _options.Optimizer switch
    {
        RnnOptimizer.Sgd => optim.SGD(network.parameters(), _options.LearningRate, momentum: _options.Momentum),
        _ => optim.Adam(network.parameters(), _options.LearningRate),
    };

    private void Report(int epoch, in EpochTotals totals, long? totalRows, TimeSpan elapsed, bool epochEnd) =>
        _options.Progress?.Report(new RnnTrainingProgress(
            epoch, _options.Epochs, totals.Rows, totalRows, totals.MeanLoss, totals.Accuracy, elapsed, epochEnd));

    private struct EpochTotals
    {
        public long Rows;
        public double LossSum;
        public long Correct;

        public readonly double MeanLoss => Rows == 0 ? 0 : LossSum / Rows;

        public readonly double Accuracy => Rows == 0 ? 0 : (double)Correct / Rows;
    }
}
