using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet.Tests;

/// <summary>Regression's bad inputs: labels of the wrong type or size, targets that are not finite, options that do not apply.</summary>
public sealed partial class BadInputCatalogTests
{
    private static readonly Dictionary<string, Func<BadInput>> RegressionCases = new()
    {
        ["regression label of type Double"] = () => Fit(RegressionOptions(), Ml.Data.LoadFromEnumerable(new[] { new DoubleLabelRow { Features = [1, 2, 3], Label = 1 } }),
            typeof(ArgumentOutOfRangeException), "Label column 'Label' has type Double", "Task = Regression expects Single", "ConvertType(\"Label\""),
        ["regression label of keys"] = () => Fit(RegressionOptions(), Keyed(), typeof(ArgumentOutOfRangeException),
            "Label column 'Label' has type Key<UInt32, 0-2>", "Single", "use a classifier for key labels"),
        ["regression label vector of unknown size"] = () => Fit(RegressionOptions(), Ml.Data.LoadFromEnumerable(new[] { new VariableTargetsRow { Features = [1, 2, 3], Label = [1, 2] } }),
            typeof(ArgumentOutOfRangeException), "Label column 'Label' is a vector of Single of unknown size", "known-size vector"),
        ["regression label of the wrong type before Fit"] = () => new(() => Ml.Regression.Trainers.Rnn(RegressionOptions()).GetOutputSchema(Shapes.Of(Keyed().Schema)),
            typeof(ArgumentOutOfRangeException), "Label column 'Label'", "Task = Regression expects Single"),
        ["NaN regression target"] = () => Fit(RegressionOptions(), RegressionRows(rows => rows[2].Label = float.NaN), typeof(InvalidOperationException),
            "Label column 'Label', row 2", "is NaN", "finite"),
        ["infinite regression target in a vector"] = () => Fit(RegressionOptions(), Ml.Data.LoadFromEnumerable(
            Enumerable.Range(0, 4).Select(i => new VectorTargetRow { Features = [i, 1, 2], Label = [1, i == 3 ? float.NegativeInfinity : 2, 3] })),
            typeof(InvalidOperationException), "Label column 'Label', row 3", "target 1 is -Infinity", "finite"),
        ["EarlyStoppingMetric Accuracy for regression"] = () => Option(o => { o.Task = SequenceTask.Regression; o.EarlyStoppingMetric = EarlyStoppingMetric.Accuracy; },
            "RnnTrainerOptions.EarlyStoppingMetric is Accuracy", "Loss for Task = Regression"),
        ["HuberDelta 0"] = () => Option(o => o.HuberDelta = 0, "RnnTrainerOptions.HuberDelta is 0", "finite number > 0"),
        ["AveragedEpochs beyond Epochs"] = () => Option(o => { o.Epochs = 3; o.AveragedEpochs = 4; }, "RnnTrainerOptions.AveragedEpochs is 4", "0 (no averaging) to Epochs (3)"),
        ["regression catalog asked for labeling"] = () => new(() => Ml.Regression.Trainers.Rnn(Options(o => o.Task = SequenceTask.Labeling)),
            typeof(ArgumentOutOfRangeException), "RnnTrainerOptions.Task is Labeling", "Regression for mlContext.Regression.Trainers.Rnn"),
        ["validation set with another number of targets"] = () => Fit(RegressionOptions(o => o.ValidationSet = Ml.Data.LoadFromEnumerable(
            Enumerable.Range(0, 4).Select(i => new VectorTargetRow { Features = [i, 1, 2], Label = [1, 2, 3] }))), RegressionRows(_ => { }),
            typeof(ArgumentOutOfRangeException), "validation label column 'Label'", "does not match the training label column"),
    };

    private static RnnTrainerOptions RegressionOptions(Action<RnnTrainerOptions>? change = null) => Options(o =>
    {
        o.Task = SequenceTask.Regression;
        change?.Invoke(o);
    });

    private static IDataView RegressionRows(Action<ScalarTargetRow[]> change)
    {
        var rows = Enumerable.Range(0, 6).Select(i => new ScalarTargetRow { Features = [i, 0, 1, 1, 0, i], Label = 10 * i }).ToArray();
        change(rows);
        return Ml.Data.LoadFromEnumerable(rows);
    }

    private sealed class DoubleLabelRow
    {
        public float[] Features { get; set; } = [];

        public double Label { get; set; }
    }

    private sealed class VariableTargetsRow
    {
        public float[] Features { get; set; } = [];

        public float[] Label { get; set; } = [];
    }
}
