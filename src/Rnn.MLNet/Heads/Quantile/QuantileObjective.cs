using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// Pinball (quantile) loss on standardised targets: for level τ and error e = y − q, τ·e when the quantile is below the
/// target and (τ − 1)·e when above, averaged over targets and levels; the quantiles come through <see cref="QuantileTransform"/>,
/// so they never cross. RMSE and MAE are reported for the median, in the targets' own units.
/// </summary>
internal sealed class QuantileObjective : ITrainingObjective
{
    private readonly RegressionObjective _targets;
    private readonly float[] _levels;
    private readonly float[] _belowLevels;
    private readonly float[] _scales;
    private readonly int _median;

    public QuantileObjective(TargetScaling scaling, IReadOnlyList<float> levels)
    {
        // The plain regression objective standardises the targets; the loss and metrics here replace its own.
        _targets = new RegressionObjective(scaling, RnnRegressionLoss.SquaredError, 1f);
        _levels = [.. levels];
        _belowLevels = [.. levels.Select(level => level - 1)];
        _scales = scaling.Scales;
        _median = Array.IndexOf(_levels, 0.5f);
    }

    public string Metrics(in ObjectiveTotals totals) => _targets.Metrics(totals);

    public RnnTrainingProgress WithMetrics(RnnTrainingProgress report, in ObjectiveTotals totals, ObjectiveTotals? validation) =>
        _targets.WithMetrics(report, totals, validation);

    public Tensor Targets(SequenceBatchBuilder builder, SequenceChunk chunk, ReadOnlySpan<int> rows, Device device) =>
        _targets.Targets(builder, chunk, rows, device);

    public Tensor Loss(Tensor outputs, Tensor targets)
    {
        var quantiles = Quantiles(outputs);
        using var levels = tensor(_levels, device: outputs.device).view(1, 1, -1);
        using var belowLevels = tensor(_belowLevels, device: outputs.device).view(1, 1, -1);
        var errors = targets.unsqueeze(2) - quantiles;
        return maximum(levels * errors, belowLevels * errors).mean();
    }

    public Tensor ValidationLoss(Tensor outputs, Tensor targets) => Loss(outputs, targets);

    public void Record(Tensor outputs, Tensor targets, Tensor loss, int rows, ref ObjectiveTotals totals)
    {
        using var noGrad = no_grad();
        using var scales = tensor(_scales, device: outputs.device);
        var errors = (Quantiles(outputs).select(2, _median) - targets) * scales;
        long counted = (long)rows * _scales.Length;
        totals.Rows += rows;
        totals.Targets += counted;
        totals.LossSum += loss.item<float>() * counted;
        totals.SquaredError += errors.mul(errors).sum().item<float>();
        totals.AbsoluteError += errors.abs().sum().item<float>();
    }

    public void Dispose() => _targets.Dispose();

    private Tensor Quantiles(Tensor outputs) => QuantileTransform.Apply(outputs.view(outputs.shape[0], _scales.Length, _levels.Length), _median);
}
