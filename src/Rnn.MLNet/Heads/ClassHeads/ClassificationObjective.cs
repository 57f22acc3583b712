using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// Cross-entropy over classes per row (classification) or per real step (labeling; padded steps are ignored), with the
/// options of <see cref="ClassificationLoss"/>, and accuracy.
/// </summary>
internal sealed class ClassificationObjective : ITrainingObjective
{
    private readonly bool _perStep;
    private readonly int _classes;
    private readonly ClassificationLoss _loss;

    /// <param name="perStep">True for labeling.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="classWeights">One loss weight per class, or null.</param>
    /// <param name="labelSmoothing">ε in [0, 1).</param>
    /// <param name="device">Where the logits live.</param>
    public ClassificationObjective(bool perStep, int classes, float[]? classWeights, float labelSmoothing, Device device)
    {
        _perStep = perStep;
        _classes = classes;
        _loss = new ClassificationLoss(classWeights, labelSmoothing, device);
    }

    public string Metrics(in ObjectiveTotals totals) => $"accuracy {totals.Accuracy:P2}";

    public RnnTrainingProgress WithMetrics(RnnTrainingProgress report, in ObjectiveTotals totals, ObjectiveTotals? validation) =>
        report with { Accuracy = totals.Accuracy, ValidationAccuracy = validation?.Accuracy };

    public Tensor Targets(SequenceBatchBuilder builder, SequenceChunk chunk, ReadOnlySpan<int> rows, Device device) =>
        builder.Targets(chunk, rows, _perStep, device);

    public Tensor Loss(Tensor outputs, Tensor targets)
    {
        var (logits, expected) = Flatten(outputs, targets);
        return _loss.Training(logits, expected);
    }

    public Tensor ValidationLoss(Tensor outputs, Tensor targets)
    {
        var (logits, expected) = Flatten(outputs, targets);
        return ClassificationLoss.Plain(logits, expected);
    }

    public void Record(Tensor outputs, Tensor targets, Tensor loss, int rows, ref ObjectiveTotals totals)
    {
        var (logits, expected) = Flatten(outputs, targets);
        var hits = logits.argmax(1).eq(expected);
        long counted = rows;
        if (_perStep)
        {
            var valid = expected.ne(HeldScalars.IgnoredStep);
            counted = valid.sum().item<long>();
            hits = hits.logical_and(valid);
        }

        totals.Rows += rows;
        totals.Targets += counted;
        totals.LossSum += loss.item<float>() * counted;
        totals.Correct += hits.sum().item<long>();
    }

    // Labeling: [rows, steps, C] against [rows, steps] becomes one class per real or padded step.
    private (Tensor Logits, Tensor Targets) Flatten(Tensor outputs, Tensor targets) =>
        _perStep ? (outputs.reshape(-1, _classes), targets.reshape(-1)) : (outputs, targets);

    public void Dispose() => _loss.Dispose();
}
