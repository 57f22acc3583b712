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
    private readonly ITrainingObjective _objective;

    public RnnTrainingLoop(RnnTrainerOptions options, IChannel channel, int seed, ITrainingObjective objective)
    {
        _options = options;
        _channel = channel;
        _seed = seed;
        _objective = objective;
    }

    /// <summary>Trains <paramref name="network"/> for the remaining epochs.</summary>
    public void Run(
        RnnSequenceNetwork network, SequenceReader reader, SequenceInput input, long? rowCount, Device device,
        ValidationEvaluator? validation, CheckpointStore? checkpoints)
    {
        using var threads = TorchThreads.Use(_options.IntraOpNumThreads);
        if (_options.IntraOpNumThreads is int count)
            _channel.Info(MessageSensitivity.None, $"libtorch intra-op threads set to {count} for this Fit ({nameof(RnnTrainerOptions.IntraOpNumThreads)}).");
        var optimizer = OptimizerFactory.Create(_options, network.parameters());
        var schedule = _options.LearningRateSchedule ?? RnnLearningRateSchedule.Constant;
        var parameters = network.parameters().ToArray();
        var builder = new SequenceBatchBuilder(input.ValuesPerStep, input.IsTokens);
        var clock = Stopwatch.StartNew();
        var batches = new BatchPlan(_options.BatchSize, _options.Shuffle, _options.GroupByLength, _seed);
        var state = TrainingState.Start;
        var shuffler = new Random(_seed);
        var averager = new WeightAverager();
        if (checkpoints?.TryRestore(network, optimizer, message => _channel.Warning(MessageSensitivity.None, message)) is var (restored, path))
        {
            state = restored;
            averager = WeightAverager.FromBytes(state.AveragedWeights);
            ReplayShuffles(shuffler, state);
            _channel.Info(MessageSensitivity.None, $"Resumed from {path} after epoch {state.Epoch}.");
        }

        for (int epoch = state.Epoch + 1; epoch <= _options.Epochs; epoch++)
        {
            network.train();
            double rate = schedule.RateFor(epoch, _options.Epochs, _options.LearningRate, state.LearningRate ?? _options.LearningRate);
            OptimizerFactory.SetLearningRate(optimizer, rate);
            var totals = new ObjectiveTotals { LearningRate = rate };
            var chunkSizes = new List<int>(1);
            foreach (var chunk in reader.ReadChunks(_options.CancellationToken))
            {
                batches.Plan(chunk, shuffler, epoch, chunkSizes.Count);
                chunkSizes.Add(chunk.Count);
                for (int b = 0; b < batches.Count; b++)
                {
                    // Cancelled: stop before the next step; checkpoints of completed epochs stay as they are.
                    _options.CancellationToken.ThrowIfCancellationRequested();
                    TrainBatch(network, optimizer, parameters, builder, chunk, batches.Batch(b), device, ref totals);
                    Report(epoch, totals, rowCount ?? reader.RowsPerPass, clock.Elapsed, epochEnd: false);
                }
            }

            if (!double.IsFinite(totals.MeanLoss))
                throw new InvalidOperationException(
                    $"Training diverged in epoch {epoch}: the loss is {totals.MeanLoss}. Lower {nameof(RnnTrainerOptions.LearningRate)} (now {_options.LearningRate}) or set {nameof(RnnTrainerOptions.GradientClipNorm)}.");

            if (_options.AveragedEpochs > 0 && epoch > _options.Epochs - _options.AveragedEpochs)
                averager.Add(network);
            state = state with { Epoch = epoch, ChunkSizes = [.. chunkSizes], AveragedWeights = averager.Count > 0 ? averager.ToBytes() : null };
            ObjectiveTotals? validated = null;
            bool best = false;
            if (validation is not null)
            {
                validated = validation.Evaluate(network, device, _options.CancellationToken);
                double score = _options.EarlyStoppingMetric == EarlyStoppingMetric.Loss ? validated.Value.MeanLoss : -validated.Value.Accuracy;
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
                $"Epoch {epoch}/{_options.Epochs}: learning rate {rate:G4}, loss {totals.MeanLoss:F4}, training {Metrics(totals)}" +
                (validated is { } v ? $", validation loss {v.MeanLoss:F4}, validation {Metrics(v)}{(best ? " (best)" : "")}" : "") +
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

        // Averaged weights, when asked for, make the fitted model; else with a validation set the best epoch's, not the last one's.
        if (averager.Count > 0)
        {
            averager.Apply(network);
            _channel.Info(MessageSensitivity.None, $"The fitted weights are the average of the last {averager.Count} epochs' ({nameof(RnnTrainerOptions.AveragedEpochs)}).");
        }
        else if (state.BestWeights is { } bestWeights)
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
        RnnSequenceNetwork network, optim.Optimizer optimizer, Parameter[] parameters, SequenceBatchBuilder builder,
        SequenceChunk chunk, ReadOnlySpan<int> batch, Device device, ref ObjectiveTotals totals)
    {
        using var scope = NewDisposeScope();
        var (inputs, lengths) = builder.Inputs(chunk, batch, device);
        var targets = _objective.Targets(builder, chunk, batch, device);

        optimizer.zero_grad();
        var outputs = network.call(inputs, lengths);
        var loss = _objective.Loss(outputs, targets);
        loss.backward();
        if (_options.GradientClipNorm > 0)
            nn.utils.clip_grad_norm_(parameters, _options.GradientClipNorm);
        optimizer.step();

        // Running totals for progress and the epoch log.
        _objective.Record(outputs, targets, loss, batch.Length, ref totals);
    }

    private void Report(int epoch, in ObjectiveTotals totals, long? totalRows, TimeSpan elapsed, bool epochEnd, ObjectiveTotals? validation = null, bool best = false)
    {
        if (_options.Progress is not { } progress)
            return;
        // Accuracy reads NaN and the other metrics null unless the task's objective has them.
        var report = new RnnTrainingProgress(epoch, _options.Epochs, totals.Rows, totalRows, totals.MeanLoss, double.NaN, elapsed, epochEnd)
        {
            ValidationLoss = validation?.MeanLoss,
            IsBestEpoch = best,
            LearningRate = totals.LearningRate,
        };
        progress.Report(_objective.WithMetrics(report, totals, validation));
    }

    private string Metrics(in ObjectiveTotals totals) => _objective.Metrics(totals);
}
