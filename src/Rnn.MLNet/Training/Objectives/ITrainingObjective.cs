using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// What a task trains for: its targets as tensors, its loss, and the running metrics reported as it trains. The
/// training loop and the validation pass are the same for every task; only this part differs. Each task head
/// (<see cref="TaskHead.Objective"/>) makes its own.
/// </summary>
internal interface ITrainingObjective : IDisposable
{
    /// <summary>The metrics of the task in the epoch's log line, e.g. "accuracy 93.10%" or "RMSE 1.2, MAE 0.9".</summary>
    string Metrics(in ObjectiveTotals totals);

    /// <summary><paramref name="report"/> with the task's metrics of the epoch so far and of a validation pass.</summary>
    RnnTrainingProgress WithMetrics(RnnTrainingProgress report, in ObjectiveTotals totals, ObjectiveTotals? validation);

    /// <summary>The targets of <paramref name="rows"/> of <paramref name="chunk"/>, as <see cref="Loss"/> takes them.</summary>
    Tensor Targets(SequenceBatchBuilder builder, SequenceChunk chunk, ReadOnlySpan<int> rows, Device device);

    /// <summary>The mean training loss of a batch: the network's outputs against its targets.</summary>
    Tensor Loss(Tensor outputs, Tensor targets);

    /// <summary>The loss validation reports: the plain loss, without training-only terms (class weights, label smoothing).</summary>
    Tensor ValidationLoss(Tensor outputs, Tensor targets);

    /// <summary>Adds a batch of <paramref name="rows"/> rows, its outputs and its mean <paramref name="loss"/> to <paramref name="totals"/>.</summary>
    void Record(Tensor outputs, Tensor targets, Tensor loss, int rows, ref ObjectiveTotals totals);
}
