using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// Numeric targets per sequence: a <c>Single</c> label (Score a <c>Single</c>, so <c>mlContext.Regression.Evaluate</c> works) or a
/// known-size vector of <c>Single</c> (Score a vector of its size). Targets are standardised for training (measured in one
/// pass first) and the network's ONNX head undoes it, so Score is in the label's own units. Forecasters train this head.
/// </summary>
internal partial class RegressionHead : TaskHead
{
    public override SequenceTask Task => SequenceTask.Regression;

    public override bool PredictsClasses => false;

    protected override bool AcceptsInputSkip => true;

    public override void Validate(RnnTrainerOptions options)
    {
        if (options.EarlyStoppingMetric != EarlyStoppingMetric.Loss)
            throw RnnTrainerOptions.Bad(nameof(RnnTrainerOptions.EarlyStoppingMetric), options.EarlyStoppingMetric, "Loss for Task = Regression (a regressor has no accuracy)");
    }

    public override SchemaShape OutputSchema(MLContext builder, SchemaShape input, RnnTrainerOptions options)
    {
        var label = ColumnLookup.Find(input, options.LabelColumnName, "The label column");
        RegressionLabel.Check(label);
        return OutputSchemaShape.CreateRegression(builder, input, options.ScoreColumnName, scalar: label.Kind == SchemaShape.Column.VectorKind.Scalar);
    }

    protected override SequenceLabel Resolve(DataViewSchema.Column column) => RegressionLabel.Resolve(column, this);

    public override RowLabels LabelsOf(DataViewRow row, SequenceLabel label, string featureColumn) => new TargetsPerRow(new RegressionTargetReader(row, label), label.TargetCount);

    /// <summary>The targets' scaling, measured in one pass over the label column before training (which also checks every row's targets).</summary>
    public override TrainingTargets Targets(IDataView input, SequenceLabel label, CancellationToken cancellation) =>
        new([], TargetScaling.Measure(input, label, cancellation));

    public override ITrainingObjective Objective(TrainingTargets targets, SequenceLabel label, SequenceReader reader, RnnTrainerOptions options, Device device, IChannel channel) =>
        new RegressionObjective(targets.Scaling!, options.RegressionLoss, options.HuberDelta);

    public override void CheckValidationLabel(SequenceLabel validation, SequenceLabel training)
    {
        if (validation.TargetCount != training.TargetCount || validation.ScalarTarget != training.ScalarTarget)
            throw new ArgumentOutOfRangeException(nameof(RnnTrainerOptions.ValidationSet),
                $"The validation label column '{validation.Column.Name}' ({validation.Column.Type}) does not match the training label column ({training.Column.Type}).");
    }

    public override RecurrentNetworkDescription Describe(RnnSequenceNetwork network, TrainingTargets targets, SequenceLabel label, IReadOnlyList<string>? vocabulary) =>
        NetworkWeights.Describe(network, [], vocabulary, targets.Scaling!.Describe(RegressionLabel.TargetNames(label)));

    public override string DescribeOutputs(int outputs) => $"{outputs} regression target(s)";

    // Added only for regressors, so the fingerprints of classifiers' checkpoints stay as they were.
    public override string Fingerprint(RnnTrainerOptions options) =>
        $";task=regression;loss={options.RegressionLoss}:{options.HuberDelta.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A row's targets, stored beside it.</summary>
    private sealed class TargetsPerRow(RegressionTargetReader reader, int width) : RowLabels
    {
        public override void AfterRow(SequenceChunk chunk, int steps, long row) => reader.Read(chunk.TargetsOfLast(width), row);
    }
}
