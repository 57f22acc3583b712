using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet.Tests;

/// <summary>
/// A fitted regressor saved with <c>mlContext.Model.Save</c> loads back (as ML.NET's own transformers, and as the batched
/// RnnTransformer) with the same Score type and values; its exported ONNX predicts the same values through RnnOnnxScorer.
/// </summary>
[TestClass]
public sealed class RegressionPersistenceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(false, false)]
    [DataRow(false, true)]
    [DataRow(true, false)]
    [DataRow(true, true)]
    public void SavedRegressorLoadsWithEqualScores(bool vectorTargets, bool knownSizeFeatures)
    {
        var ml = new MLContext(seed: 1);
        int steps = knownSizeFeatures ? 4 : 0;
        var train = Data(ml, vectorTargets, 96, seed: 31, steps);
        var test = Data(ml, vectorTargets, 40, seed: 32, steps);
        var options = SyntheticRegression.FastOptions(RnnCellType.Gru);
        options.Epochs = 2;
        options.Bidirectional = true;
        using var model = ml.Regression.Trainers.Rnn(options).Fit(train);

        string path = Path.Combine(Scratch.Folder(TestContext), "regressor.zip");
        ml.Model.Save(model, train.Schema, path);
        var reloaded = RnnModelFile.Load(new MLContext(), path, out _);
        using var fast = RnnModelFile.LoadTransformer(new MLContext(), path);

        var expected = model.Transform(test);
        foreach (var (name, actual) in new[] { ("ML.NET's transformers", reloaded.Transform(test)), ("LoadTransformer", fast.Transform(test)) })
        {
            Assert.AreEqual(expected.Schema["Score"].Type, actual.Schema["Score"].Type, $"{name}: Score type");
            Assert.IsNull(actual.Schema.GetColumnOrNull("PredictedLabel"), $"{name}: no PredictedLabel");
            var e = Scores(expected, vectorTargets);
            var a = Scores(actual, vectorTargets);
            for (int i = 0; i < e.Length; i++)
                Assert.AreEqual(e[i], a[i], 1e-6 * Math.Max(1, Math.Abs(e[i])), $"{name}: value {i}");
        }

        // ML.NET's evaluator reads the reloaded Single score as it reads the fitted one.
        if (!vectorTargets)
            Assert.AreEqual(ml.Regression.Evaluate(expected).MeanAbsoluteError, ml.Regression.Evaluate(reloaded.Transform(test)).MeanAbsoluteError, 1e-3);
    }

    [TestMethod]
    public void ExportedOnnxPredictsTheTransformersValues()
    {
        var ml = new MLContext(seed: 1);
        var train = SyntheticRegression.Vector(ml, 96, seed: 33);
        var options = SyntheticRegression.FastOptions();
        options.Epochs = 2;
        using var model = ml.Regression.Trainers.Rnn(options).Fit(train);
        string path = Path.Combine(Scratch.Folder(TestContext), "regressor.onnx");
        model.ExportOnnx(path);

        using var scorer = new RnnOnnxScorer(path);
        Assert.IsTrue(scorer.IsRegression);
        CollectionAssert.AreEqual(model.TargetNames.ToArray(), scorer.TargetNames.ToArray());
        var features = train.GetColumn<float[]>("Features").Take(10).ToArray();
        var expected = model.Transform(ml.Data.TakeRows(train, 10)).GetColumn<float[]>("Score").ToArray();
        var predicted = scorer.PredictBatch(features);
        for (int row = 0; row < features.Length; row++)
            for (int t = 0; t < SyntheticRegression.Targets; t++)
                Assert.AreEqual(expected[row][t], predicted[row][t], 1e-4 * Math.Max(1, Math.Abs(expected[row][t])), $"row {row} target {t}");
    }

    private static IDataView Data(MLContext ml, bool vectorTargets, int count, int seed, int fixedSteps)
    {
        var targets = SyntheticRegression.Generate(count, fixedSteps > 0 ? fixedSteps : 1, fixedSteps > 0 ? fixedSteps : 7, seed, out var features);
        if (vectorTargets)
        {
            var definition = SchemaDefinition.Create(typeof(VectorTargetRow));
            if (fixedSteps > 0)
                definition[nameof(VectorTargetRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, fixedSteps * SyntheticSequences.InputSize);
            return ml.Data.LoadFromEnumerable(features.Select((f, i) => new VectorTargetRow { Features = f, Label = targets[i] }), definition);
        }

        var scalar = SchemaDefinition.Create(typeof(ScalarTargetRow));
        if (fixedSteps > 0)
            scalar[nameof(ScalarTargetRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, fixedSteps * SyntheticSequences.InputSize);
        return ml.Data.LoadFromEnumerable(features.Select((f, i) => new ScalarTargetRow { Features = f, Label = targets[i][0] }), scalar);
    }

    private static float[] Scores(IDataView scored, bool vector) => vector
        ? [.. scored.GetColumn<float[]>("Score").SelectMany(s => s)]
        : [.. scored.GetColumn<float>("Score")];
}
