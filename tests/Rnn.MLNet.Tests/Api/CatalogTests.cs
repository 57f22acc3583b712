using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet.Tests;

/// <summary>The entry points ML.NET users look for: task catalogs for trainers, the transforms catalogs for featurizers.</summary>
[TestClass]
public sealed class CatalogTests
{
    [TestMethod]
    public void MulticlassCatalogTrainsTheSameModelAsTheConstructor()
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = TestPipelines.KeyedSplit(ml, trainRows: 96, testRows: 40);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 2;

        using var viaCatalog = ml.MulticlassClassification.Trainers.Rnn(options).Fit(train);
        using var viaConstructor = new RnnTrainer(ml, options).Fit(train);

        CollectionAssert.AreEqual(TestPipelines.Scores(viaConstructor.Transform(test)), TestPipelines.Scores(viaCatalog.Transform(test)));
        var metrics = ml.MulticlassClassification.Evaluate(viaCatalog.Transform(test));
        Assert.IsTrue(metrics.MicroAccuracy > 0, "the multiclass evaluator reads the catalog trainer's output");
    }

    [TestMethod]
    public void SimpleOverloadUsesItsArgumentsAndTheSharedDefaults()
    {
        var ml = new MLContext(seed: 1);
        var trainer = ml.MulticlassClassification.Trainers.Rnn(
            labelColumnName: "Class", featureColumnName: "Steps", inputSize: 3, cellType: RnnCellType.Gru, hiddenSize: 12, numLayers: 2, bidirectional: true, epochs: 3);

        var o = trainer.Options;
        Assert.AreEqual(("Class", "Steps", 3, RnnCellType.Gru, 12, 2, true, 3), (o.LabelColumnName, o.FeatureColumnName, o.InputSize, o.CellType, o.HiddenSize, o.NumLayers, o.Bidirectional, o.Epochs));
        Assert.AreEqual(RnnTrainerOptions.Defaults.LearningRate, o.LearningRate);
        Assert.AreEqual(SequenceTask.Classification, o.Task);
        var defaults = new RnnTrainerOptions();
        Assert.AreEqual((RnnTrainerOptions.Defaults.HiddenSize, RnnTrainerOptions.Defaults.Epochs, RnnTrainerOptions.Defaults.BatchSize), (defaults.HiddenSize, defaults.Epochs, defaults.BatchSize));
        Assert.AreEqual(RnnTrainerOptions.Defaults.HiddenSize, ml.MulticlassClassification.Trainers.Rnn().Options.HiddenSize);
    }

    [TestMethod]
    public void CatalogsRefuseOptionsForAnotherTask()
    {
        var ml = new MLContext();
        var labeling = new RnnTrainerOptions { Task = SequenceTask.Labeling };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.Trainers.Rnn(labeling));
        StringAssert.Contains(error.Message, "RnnTrainerOptions.Task is Labeling");

        // The labeling entry point sets the task itself, on its own copy of the options.
        var options = new RnnTrainerOptions();
        Assert.AreEqual(SequenceTask.Labeling, ml.Rnn().SequenceLabeling(options).Options.Task);
        Assert.AreEqual(SequenceTask.Classification, options.Task, "the caller's options are not changed");
    }

    [TestMethod]
    public void SequenceLabelingEntryPointTrainsATagger()
    {
        var ml = new MLContext(seed: 1);
        var raw = ml.Data.LoadFromEnumerable(SyntheticTagging.Generate(200, seed: 1));
        var keys = SyntheticTagging.Keys(ml, raw);
        var options = SyntheticTagging.TaggerOptions(embeddingSize: 4);
        options.Task = SequenceTask.Classification;

        using var model = ml.Rnn().SequenceLabeling(options).Fit(keys.Transform(raw));

        var metrics = ml.Rnn().EvaluateSequenceLabeling(model.Transform(keys.Transform(raw)));
        Assert.IsTrue(metrics.TokenAccuracy > 0.8, $"token accuracy {metrics.TokenAccuracy:F3}");
    }

    [TestMethod]
    public void TrainerOptionsAreCopiedWhenTheTrainerIsCreated()
    {
        var ml = new MLContext();
        var options = new RnnTrainerOptions { HiddenSize = 8 };
        var trainer = ml.MulticlassClassification.Trainers.Rnn(options);
        options.HiddenSize = 99;
        Assert.AreEqual(8, trainer.Options.HiddenSize);
    }

    [TestMethod]
    public void FeaturizersTakeTheOutputColumnFirstAndANullInputMeansTheSameName()
    {
        var ml = new MLContext();
        var pixels = ml.Data.LoadFromEnumerable([new PixelRow { Features = [0, 51, 102, 153, 204, 255] }]);
        var inPlace = ml.Transforms.ImageRows("Features", rows: 2, columns: 3).Fit(pixels).Transform(pixels);
        var type = (VectorDataViewType)inPlace.Schema["Features"].Type;
        CollectionAssert.AreEqual(new[] { 2, 3 }, type.Dimensions.ToArray());
        CollectionAssert.AreEqual(new[] { 0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f }, inPlace.GetColumn<float[]>("Features").Single(), new ToleranceComparer(1e-6f));

        var text = ml.Data.LoadFromEnumerable([new TextRow { Text = "b a b" }]);
        var oneHot = ml.Transforms.Text.VocabularyOneHot("Keys", "Text", TextTokenization.Words).Fit(text);
        CollectionAssert.AreEqual(new[] { "b", "a" }, oneHot.Vocabulary.ToArray());
        Assert.AreEqual(("Text", "Keys"), (oneHot.InputColumnName, oneHot.OutputColumnName));
        var embedding = ml.Transforms.Text.EmbeddingIndices("Text", tokenization: TextTokenization.Words).Fit(text);
        Assert.AreEqual(("Text", "Text"), (embedding.InputColumnName, embedding.OutputColumnName));
        CollectionAssert.AreEqual(new uint[] { 1, 2, 1 }, embedding.Transform(text).GetColumn<uint[]>("Text").Single());
    }

    private sealed class PixelRow
    {
        [VectorType(6)]
        public float[] Features { get; set; } = [];
    }

    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }

    private sealed class ToleranceComparer(float tolerance) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((float)x! - (float)y!) <= tolerance ? 0 : ((float)x!).CompareTo((float)y!);
    }
}
