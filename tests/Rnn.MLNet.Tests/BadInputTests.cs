using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class BadInputTests
{
    private sealed class KeyedRow
    {
        public float[] Features { get; set; } = [];

        [KeyType(3)]
        public uint Label { get; set; }
    }

    private sealed class TextFeatureRow
    {
        public string Features { get; set; } = "";

        [KeyType(3)]
        public uint Label { get; set; }
    }

    private sealed class NumericLabelRow
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    private static readonly MLContext Ml = new(seed: 1);

    // Enumerable loading treats [KeyType] values as 0-based and turns values past the count into missing keys.
    private static KeyedRow[] ValidRows() =>
        [.. Enumerable.Range(0, 6).Select(i => new KeyedRow { Features = [i, 0, 1, 1, 0, i], Label = (uint)(i % 3) })];

    private static Exception FitFails<TException>(IDataView data, RnnTrainerOptions? options = null)
        where TException : Exception
    {
        var trainer = new RnnTrainer(Ml, options ?? SyntheticSequences.FastOptions());
        return Assert.Throws<TException>(() => trainer.Fit(data));
    }

    private static void FitFailsWith(KeyedRow[] rows, params string[] fragments)
    {
        var error = FitFails<InvalidOperationException>(Ml.Data.LoadFromEnumerable(rows));
        foreach (var fragment in fragments)
            StringAssert.Contains(error.Message, fragment);
    }

    [TestMethod]
    public void RowLengthNotAMultipleOfInputSize()
    {
        var rows = ValidRows();
        rows[2].Features = [1, 2, 3, 4];
        FitFailsWith(rows, "'Features'", "row 2", "4 values", "multiple of InputSize = 3");
    }

    [TestMethod]
    public void EmptyRow()
    {
        var rows = ValidRows();
        rows[4].Features = [];
        FitFailsWith(rows, "'Features'", "row 4", "empty");
    }

    [TestMethod]
    [DataRow(float.NaN, "NaN")]
    [DataRow(float.PositiveInfinity, "Infinity")]
    public void NonFiniteFeature(float value, string shown)
    {
        var rows = ValidRows();
        rows[1].Features[4] = value;
        FitFailsWith(rows, "'Features'", "row 1", "value 4 (step 1, feature 1)", shown, "finite");
    }

    [TestMethod]
    public void LabelOutsideTheKeyRange()
    {
        // ML.NET's own loaders never emit such keys, but a custom IDataView can.
        var error = Assert.Throws<InvalidOperationException>(() => SequenceRowChecks.ClassIndex(5, 3, "Label", 3));
        Assert.AreEqual("Label column 'Label', row 3: key value 5 is outside the key range 1..3.", error.Message);
    }

    [TestMethod]
    public void MissingLabel()
    {
        var rows = ValidRows();
        rows[3].Label = 7;
        FitFailsWith(rows, "'Label'", "row 3", "missing (0)", "1..3");
    }

    [TestMethod]
    public void MissingFeatureColumn()
    {
        var options = SyntheticSequences.FastOptions();
        options.FeatureColumnName = "Steps";
        var error = FitFails<ArgumentOutOfRangeException>(Ml.Data.LoadFromEnumerable(ValidRows()), options);
        StringAssert.Contains(error.Message, "'Steps' was not found");
        StringAssert.Contains(error.Message, "'Features'");
    }

    [TestMethod]
    public void MissingLabelColumnBeforeFit()
    {
        var options = SyntheticSequences.FastOptions();
        options.LabelColumnName = "Class";
        var shape = Shapes.Of(Ml.Data.LoadFromEnumerable(ValidRows()).Schema);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RnnTrainer(Ml, options).GetOutputSchema(shape));
        StringAssert.Contains(error.Message, "'Class' was not found");
    }

    [TestMethod]
    public void FeatureColumnOfWrongType()
    {
        var data = Ml.Data.LoadFromEnumerable(new[] { new TextFeatureRow { Features = "1 2 3", Label = 1 } });
        var error = FitFails<ArgumentOutOfRangeException>(data);
        StringAssert.Contains(error.Message, "Feature column 'Features' has type String");
        StringAssert.Contains(error.Message, "vector of Single");
    }

    [TestMethod]
    public void NumericLabelSaysWhatToAdd()
    {
        var data = Ml.Data.LoadFromEnumerable(new[] { new NumericLabelRow { Features = [1, 2, 3], Label = 1 } });
        var error = FitFails<ArgumentOutOfRangeException>(data);
        StringAssert.Contains(error.Message, "Label column 'Label' has type Single");
        StringAssert.Contains(error.Message, "MapValueToKey(\"Label\")");
        var shapeError = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new RnnTrainer(Ml, SyntheticSequences.FastOptions()).GetOutputSchema(Shapes.Of(data.Schema)));
        StringAssert.Contains(shapeError.Message, "MapValueToKey(\"Label\")");
    }

    [TestMethod]
    public void BadRowAtScoringTimeNamesTheRow()
    {
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        using var model = new RnnTrainer(Ml, options).Fit(Ml.Data.LoadFromEnumerable(ValidRows()));
        var rows = ValidRows();
        rows[5].Features = [1, 2];
        var scored = model.Transform(Ml.Data.LoadFromEnumerable(rows));
        var error = Assert.Throws<InvalidOperationException>(() => scored.Preview());
        StringAssert.Contains(error.Message, "'Features', row 5");
    }

    [TestMethod]
    [DataRow(nameof(RnnTrainerOptions.HiddenSize), 0)]
    [DataRow(nameof(RnnTrainerOptions.BatchSize), -1)]
    [DataRow(nameof(RnnTrainerOptions.Epochs), 0)]
    [DataRow(nameof(RnnTrainerOptions.InputSize), -1)]
    [DataRow(nameof(RnnTrainerOptions.EmbeddingSize), -2)]
    [DataRow(nameof(RnnTrainerOptions.NumLayers), 0)]
    public void NonPositiveSizesAreRejected(string option, int value)
    {
        var options = SyntheticSequences.FastOptions();
        typeof(RnnTrainerOptions).GetProperty(option)!.SetValue(options, value);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RnnTrainer(Ml, options));
        StringAssert.Contains(error.Message, $"RnnTrainerOptions.{option} is {value}");
    }

    [TestMethod]
    [DataRow(nameof(RnnTrainerOptions.Dropout), 1f)]
    [DataRow(nameof(RnnTrainerOptions.Dropout), -0.1f)]
    [DataRow(nameof(RnnTrainerOptions.LearningRate), 0f)]
    [DataRow(nameof(RnnTrainerOptions.LearningRate), float.NaN)]
    public void OutOfRangeRatesAreRejected(string option, float value)
    {
        var options = SyntheticSequences.FastOptions();
        typeof(RnnTrainerOptions).GetProperty(option)!.SetValue(options, value);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RnnTrainer(Ml, options));
        StringAssert.Contains(error.Message, $"RnnTrainerOptions.{option} is");
    }

    [TestMethod]
    public void InputSizeThatCannotBeInferredIsNamed()
    {
        var options = SyntheticSequences.FastOptions();
        options.InputSize = 0;
        var error = FitFails<ArgumentOutOfRangeException>(Ml.Data.LoadFromEnumerable(ValidRows()), options);
        StringAssert.Contains(error.Message, "RnnTrainerOptions.InputSize is 0");
        StringAssert.Contains(error.Message, "'Features'");
    }

    [TestMethod]
    public void EmbeddingOnFloatStepsIsRejected()
    {
        var options = SyntheticSequences.FastOptions();
        options.EmbeddingSize = 8;
        var error = FitFails<ArgumentOutOfRangeException>(Ml.Data.LoadFromEnumerable(ValidRows()), options);
        StringAssert.Contains(error.Message, "RnnTrainerOptions.EmbeddingSize is 8");
        StringAssert.Contains(error.Message, "float steps");
    }

    [TestMethod]
    public void UnknownDeviceIsRejected()
    {
        var options = SyntheticSequences.FastOptions();
        options.Device = "tpu";
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RnnTrainer(Ml, options));
        StringAssert.Contains(error.Message, "Device is \"tpu\"");
    }
}
