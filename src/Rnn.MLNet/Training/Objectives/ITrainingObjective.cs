using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// What a task trains for: its targets as tensors, its loss, and the running metrics reported as it trains. The
/// training loop and the validation pass are the same for every task; only this part differs.
/// </summary>
internal interface ITrainingObjective : IDisposable
{
    /// <summary>True when the metrics are RMSE and MAE (regression) rather than accuracy.</summary>
    bool IsRegression { get; }

    /// <summary>The targets of <paramref name="rows"/> of <paramref name="chunk"/>, as <see cref="Loss"/> takes them.</summary>
    Tensor Targets(SequenceBatchBuilder builder, SequenceChunk chunk, ReadOnlySpan<int> rows, Device device);

    /// <summary>The mean training loss of a batch: the network's outputs against its targets.</summary>
    Tensor Loss(Tensor outputs, Tensor targets);

    /// <summary>The loss validation reports: the plain loss, without training-only terms (class weights, label smoothing).</summary>
    Tensor ValidationLoss(Tensor outputs, Tensor targets);

    /// <summary>Adds a batch of <paramref name="rows"/> rows, its outputs and its mean <paramref name="loss"/> to <paramref name="totals"/>.</summary>
    void Record(Tensor outputs, Tensor targets, Tensor loss, int rows, ref ObjectiveTotals totals);
}
