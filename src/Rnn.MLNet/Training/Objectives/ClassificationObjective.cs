using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>Cross-entropy over classes per row (classification) or per real step (labeling; padded steps are ignored), and accuracy.</summary>
internal sealed class ClassificationObjective : ITrainingObjective
{
    private readonly bool _perStep;
    private readonly int _classes;

    public ClassificationObjective(bool perStep, int classes)
    {
        _perStep = perStep;
        _classes = classes;
    }

    public bool IsRegression => false;

    public Tensor Targets(SequenceBatchBuilder builder, SequenceChunk chunk, ReadOnlySpan<int> rows, Device device) =>
        builder.Targets(chunk, rows, _perStep, device);

    public Tensor Loss(Tensor outputs, Tensor targets)
    {
        var (logits, expected) = Flatten(outputs, targets);
        return nn.functional.cross_entropy(logits, expected, ignore_index: SequenceBatchBuilder.IgnoredStep);
    }

    public void Record(Tensor outputs, Tensor targets, Tensor loss, int rows, ref ObjectiveTotals totals)
    {
        var (logits, expected) = Flatten(outputs, targets);
        var hits = logits.argmax(1).eq(expected);
        long counted = rows;
        if (_perStep)
        {
            var valid = expected.ne(SequenceBatchBuilder.IgnoredStep);
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
}
