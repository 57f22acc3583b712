using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// Squared error or Huber loss on standardised targets ((value − mean) / scale per target, so targets of any size train
/// alike), with RMSE and MAE reported in the targets' own units.
/// </summary>
internal sealed class RegressionObjective : ITrainingObjective
{
    private readonly float[] _means;
    private readonly float[] _scales;
    private readonly RnnRegressionLoss _loss;
    private readonly float _huberDelta;
    private float[] _staging = [];

    public RegressionObjective(TargetScaling scaling, RnnRegressionLoss loss, float huberDelta)
    {
        _means = scaling.Means;
        _scales = scaling.Scales;
        _loss = loss;
        _huberDelta = huberDelta;
    }

    public string Metrics(in ObjectiveTotals totals) => $"RMSE {totals.RootMeanSquaredError:G5}, MAE {totals.MeanAbsoluteError:G5}";

    public RnnTrainingProgress WithMetrics(RnnTrainingProgress report, in ObjectiveTotals totals, ObjectiveTotals? validation) => report with
    {
        RootMeanSquaredError = totals.RootMeanSquaredError,
        MeanAbsoluteError = totals.MeanAbsoluteError,
        ValidationRootMeanSquaredError = validation?.RootMeanSquaredError,
        ValidationMeanAbsoluteError = validation?.MeanAbsoluteError,
    };

    public int TargetCount => _means.Length;

    public Tensor Targets(SequenceBatchBuilder builder, SequenceChunk chunk, ReadOnlySpan<int> rows, Device device)
    {
        int width = TargetCount;
        if (_staging.Length < rows.Length * width)
            _staging = new float[Math.Max(rows.Length * width, _staging.Length * 2)];
        for (int i = 0; i < rows.Length; i++)
        {
            var values = chunk.Targets(rows[i], width);
            for (int j = 0; j < width; j++)
                _staging[i * width + j] = (values[j] - _means[j]) / _scales[j];
        }

        var targets = empty([rows.Length, width], ScalarType.Float32);
        TensorMemory.CopyInto<float>(targets, _staging.AsSpan(0, rows.Length * width));
        return device.type == DeviceType.CPU ? targets : targets.to(device);
    }

    public Tensor Loss(Tensor outputs, Tensor targets) => _loss == RnnRegressionLoss.Huber
        ? nn.functional.huber_loss(outputs, targets, delta: _huberDelta)
        : nn.functional.mse_loss(outputs, targets);

    public Tensor ValidationLoss(Tensor outputs, Tensor targets) => Loss(outputs, targets);

    public void Record(Tensor outputs, Tensor targets, Tensor loss, int rows, ref ObjectiveTotals totals)
    {
        // Errors back in target units: standardised error × the target's scale.
        using var noGrad = no_grad();
        using var scales = tensor(_scales, device: outputs.device);
        var errors = (outputs - targets) * scales;
        long counted = (long)rows * TargetCount;
        totals.Rows += rows;
        totals.Targets += counted;
        totals.LossSum += loss.item<float>() * counted;
        totals.SquaredError += errors.mul(errors).sum().item<float>();
        totals.AbsoluteError += errors.abs().sum().item<float>();
    }

    public void Dispose()
    {
    }
}
