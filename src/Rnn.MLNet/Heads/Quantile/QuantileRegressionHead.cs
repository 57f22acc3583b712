using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// A regressor of quantiles (the forecaster's probabilistic head): for every target, one output per quantile level, trained
/// with pinball loss on the non-crossing transform <see cref="QuantileTransform"/> applies; the network itself is a plain
/// regressor with targets × quantiles outputs (target-major), each scaled like its target, so its description and ONNX body
/// are a regressor's and the forecaster's graph applies the same transform.
/// </summary>
internal sealed class QuantileRegressionHead(IReadOnlyList<float> levels) : RegressionHead
{
    public IReadOnlyList<float> Levels { get; } = levels;

    protected override SequenceLabel Resolve(DataViewSchema.Column column) =>
        RegressionLabel.Resolve(column, this) with { OutputsPerTarget = Levels.Count };

    public override ITrainingObjective Objective(TrainingTargets targets, SequenceLabel label, SequenceReader reader, RnnTrainerOptions options, Device device, IChannel channel) =>
        new QuantileObjective(targets.Scaling!, Levels);

    public override RecurrentNetworkDescription Describe(RnnSequenceNetwork network, TrainingTargets targets, SequenceLabel label, IReadOnlyList<string>? vocabulary)
    {
        var scaling = targets.Scaling!;
        int q = Levels.Count;
        var names = RegressionLabel.TargetNames(label)
            .SelectMany(name => Levels.Select(level => $"{name}@{level.ToString("0.###", CultureInfo.InvariantCulture)}"))
            .ToArray();
        var perOutput = new TargetScaling(
            [.. scaling.Means.SelectMany(m => Enumerable.Repeat(m, q))], [.. scaling.Scales.SelectMany(s => Enumerable.Repeat(s, q))]);
        return NetworkWeights.Describe(network, [], vocabulary, perOutput.Describe(names));
    }

    public override string DescribeOutputs(int outputs) =>
        $"{outputs / Levels.Count} regression target(s) × quantiles {string.Join(", ", Levels.Select(l => l.ToString(CultureInfo.InvariantCulture)))}";

    public override string Fingerprint(RnnTrainerOptions options) =>
        $";task=quantiles:{string.Join(",", Levels.Select(l => l.ToString(CultureInfo.InvariantCulture)))}";
}
