using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// The classification and labeling objective: cross-entropy over the real targets (padded steps carry
/// <see cref="SequenceBatchBuilder.IgnoredStep"/>), with optional per-class weights and label smoothing.
/// </summary>
internal sealed class ClassificationLoss : IDisposable
{
    private readonly Tensor? _weights;
    private readonly double _smoothing;

    /// <param name="classWeights">One weight per class, or null for equal weights.</param>
    /// <param name="labelSmoothing">ε in [0, 1).</param>
    /// <param name="device">Where the logits live.</param>
    public ClassificationLoss(float[]? classWeights, float labelSmoothing, Device device)
    {
        _weights = classWeights is null ? null : tensor(classWeights).to(device);
        _smoothing = labelSmoothing;
    }

    /// <summary>The training loss of [rows, C] logits against [rows] class targets (the weighted mean).</summary>
    public Tensor Training(Tensor logits, Tensor targets) =>
        nn.functional.cross_entropy(logits, targets, _weights, SequenceBatchBuilder.IgnoredStep, label_smoothing: _smoothing);

    /// <summary>The plain mean cross-entropy, which validation reports whatever the training objective.</summary>
    public static Tensor Plain(Tensor logits, Tensor targets) =>
        nn.functional.cross_entropy(logits, targets, ignore_index: SequenceBatchBuilder.IgnoredStep);

    public void Dispose() => _weights?.Dispose();
}
