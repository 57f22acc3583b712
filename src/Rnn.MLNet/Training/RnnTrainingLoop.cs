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

    /// <summary>Trains <paramref name="network"/> for the remaining epochs; <paramref name="classWeights"/> holds one loss weight per class, or null.</summary>
    public void Run(
        RnnSequenceNetwork network, SequenceReader reader, SequenceInput input, long? rowCount, Device device,
        ValidationEvaluator? validation, CheckpointStore? checkpoints, float[]? classWeights)
    {
        using var threads = TorchThreads.Use(_options.IntraOpNumThreads);
        if (_options.IntraOpNumThreads is int count)
            _channel.Info(MessageSensitivity.None, $"libtorch intra-op threads set to {count} for this Fit ({nameof(RnnTrainerOptions.IntraOpNumThreads)}).");
        var optimizer = OptimizerFactory.Create(_options, network.parameters());
        using var loss = new ClassificationLoss(classWeights, _options.LabelSmoothing, device);
        var schedule = _options.LearningRateSchedule ?? RnnLearningRateSchedule.Constant;
        var parameters = network.parameters().ToArray();
        var builder = new SequenceBatchBuilder(input.ValuesPerStep, input.IsTokens);
        var clock = Stopwatch.StartNew();
        var batches = new BatchPlan(_options.BatchSize, _options.Shuffle, _options.GroupByLength, _seed);
        var state = TrainingState.Start;
        var shuffler = new Random(_seed);
        if (checkpoints?.TryRestore(network, optimizer, message => _channel.Warning(MessageSensitivity.None, message)) is var (restored, path))
        {
            state = restored;
            ReplayShuffles(shuffler, state);
            _channel.Info(MessageSensitivity.None, $"Resumed from {path} after epoch {state.Epoch}.");
        }

        for (int epoch = state.Epoch + 1; epoch <= _options.Epochs; epoch++)
        {
            network.train();
            double rate = schedule.RateFor(epoch, _options.Epochs, _options.LearningRate, state.LearningRate ?? _options.LearningRate);
            OptimizerFactory.SetLearningRate(optimizer, rate);
            var totals = new EpochTotals { LearningRate = rate };
            var chunkSizes = new List<int>(1);
            foreach (var chunk in reader.ReadChunks(_options.CancellationToken))
            {
                batches.Plan(chunk, shuffler, epoch, chunkSizes.Count);
                chunkSizes.Add(chunk.Count);
                for (int b = 0; b < batches.Count; b++)
                {
                    // Cancelled: stop before the next step; checkpoints of completed epochs stay as they are.
                    _options.CancellationToken.ThrowIfCancellationRequested();
                    TrainBatch(network, optimizer, loss, parameters, builder, chunk, batches.Batch(b), device, ref totals);
                    Report(epoch, totals, rowCount ?? reader.RowsPerPass, clock.Elapsed, epochEnd: false);
                }
            }

            if (!double.IsFinite(totals.MeanLoss))
                throw new InvalidOperationException(
                    $"Training diverged in epoch {epoch}: the loss is {totals.MeanLoss}. Lower {nameof(RnnTrainerOptions.LearningRate)} (now {_options.LearningRate}) or set {nameof(RnnTrainerOptions.GradientClipNorm)}.");

            state = state with { Epoch = epoch, ChunkSizes = [.. chunkSizes] };
            (double Loss, double Accuracy)? validated = null;
            bool best = false;
            if (validation is not null)
            {
                validated = validation.Evaluate(network, device, _options.CancellationToken);
                double score = _options.EarlyStoppingMetric == EarlyStoppingMetric.Loss ? validated.Value.Loss : -validated.Value.Accuracy;
                best = state.BestScore is not double previous || score < previous;
                state = best
                    ? state with { BestScore = score, BestEpoch = epoch, EpochsWithoutImprovement = 0, BestWeights = CheckpointStore.Serialize(w => network.save(w)) }
                    : state with { EpochsWithoutImprovement = state.EpochsWithoutImprovement + 1 };
                if (schedule.NeedsValidation)
                {
                    int plateau = state.PlateauEpochs;
                    double next = schedule.AfterValidation(rate, best, ref plateau);
                    state = state with { LearningRate = next, PlateauEpochs = plateau };
                }
            }

            Report(epoch, totals, rowCount ?? reader.RowsPerPass, clock.Elapsed, epochEnd: true, validated, best);
            _channel.Info(MessageSensitivity.None,
                $"Epoch {epoch}/{_options.Epochs}: learning rate {rate:G4}, loss {totals.MeanLoss:F4}, training accuracy {totals.Accuracy:P2}" +
                (validated is var (vl, va) ? $", validation loss {vl:F4}, validation accuracy {va:P2}{(best ? " (best)" : "")}" : "") +
                $", {totals.Rows} rows, elapsed {clock.Elapsed:hh\\:mm\\:ss\\.f}");

            bool stop = _options.EarlyStoppingPatience > 0 && state.EpochsWithoutImprovement >= _options.EarlyStoppingPatience;
            if (checkpoints is not null && (epoch % _options.CheckpointInterval == 0 || epoch == _options.Epochs || stop))
                checkpoints.Save(network, optimizer, state);
            if (stop)
            {
                _channel.Info(MessageSensitivity.None,
                    $"Early stopping after epoch {epoch}: no better validation {_options.EarlyStoppingMetric.ToString().ToLowerInvariant()} for {state.EpochsWithoutImprovement} epochs; keeping epoch {state.BestEpoch}.");
                break;
            }
        }

        // With a validation set the fitted model is the best epoch's, not the last one's.
        if (state.BestWeights is { } bestWeights)
            CheckpointStore.Deserialize(bestWeights, r => network.load(r));
        network.eval();
    }

    /// <summary>
    /// Puts the shuffle generator where an uninterrupted run would be after the restored epochs: every epoch shuffled
    /// chunks of the same sizes, and a shuffle's draws depend only on the length.
    /// </summary>
    private void ReplayShuffles(Random shuffler, TrainingState state)
    {
        if (!_options.Shuffle || state.ChunkSizes.Length == 0)
            return;
        var scratch = new int[state.ChunkSizes.Max()];
        for (int epoch = 0; epoch < state.Epoch; epoch++)
        {
            foreach (int size in state.ChunkSizes)
                shuffler.Shuffle(scratch.AsSpan(0, size));
        }
    }

    private void TrainBatch(
        RnnSequenceNetwork network, optim.Optimizer optimizer, ClassificationLoss lossFunction, Parameter[] parameters, SequenceBatchBuilder builder,
        SequenceChunk chunk, ReadOnlySpan<int> batch, Device device, ref EpochTotals totals)
    {
        using var scope = NewDisposeScope();
        bool perStep = network.Shape.PerStep;
        var (inputs, lengths) = builder.Inputs(chunk, batch, device);
        var targets = builder.Targets(chunk, batch, perStep, device);

        optimizer.zero_grad();
        var logits = network.call(inputs, lengths);
        if (perStep)
        {
            // [rows, steps, C] against [rows, steps]; padded steps carry the ignored target.
            logits = logits.reshape(-1, network.Shape.Classes);
            targets = targets.reshape(-1);
        }

        var loss = lossFunction.Training(logits, targets);
        loss.backward();
        if (_options.GradientClipNorm > 0)
            nn.utils.clip_grad_norm_(parameters, _options.GradientClipNorm);
        optimizer.step();

        // Running totals for progress and the epoch log; only labeling has padded targets to mask out.
        var hits = logits.argmax(1).eq(targets);
        long counted = batch.Length;
        if (perStep)
        {
            var valid = targets.ne(SequenceBatchBuilder.IgnoredStep);
            counted = valid.sum().item<long>();
            hits = hits.logical_and(valid);
        }

        totals.Rows += batch.Length;
        totals.Targets += counted;
        totals.LossSum += loss.item<float>() * counted;
        totals.Correct += hits.sum().item<long>();
    }

    private void Report(int epoch, in EpochTotals totals, long? totalRows, TimeSpan elapsed, bool epochEnd, (double Loss, double Accuracy)? validation = null, bool best = false) =>
        _options.Progress?.Report(new RnnTrainingProgress(
            epoch, _options.Epochs, totals.Rows, totalRows, totals.MeanLoss, totals.Accuracy, elapsed, epochEnd)
        {
            ValidationLoss = validation?.Loss,
            ValidationAccuracy = validation?.Accuracy,
            IsBestEpoch = best,
            LearningRate = totals.LearningRate,
        });

    private struct EpochTotals
    {
        public long Rows;
        public long Targets;
        public double LossSum;
        public long Correct;
        public double LearningRate;

        // Per target: rows for classification, real (unpadded) steps for labeling.
        public readonly double MeanLoss => Targets == 0 ? 0 : LossSum / Targets;

        public readonly double Accuracy => Targets == 0 ? 0 : (double)Correct / Targets;
    }
}
