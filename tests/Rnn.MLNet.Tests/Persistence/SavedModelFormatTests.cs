using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet.Tests;

/// <summary>
/// Model files saved by an earlier build still load and score as they did: a classifier, a regressor and a sequence labeler
/// saved with <c>mlContext.Model.Save</c> (each inside a small pipeline) and a forecaster saved with <see cref="RnnForecaster.Save"/>,
/// all written by the code of commit 1e4822f (before issue 19's refactoring) and kept in <c>Persistence/testdata</c>. Every
/// way of loading them (<see cref="RnnModelFile.Load"/>, plain <c>mlContext.Model.Load</c> after <see cref="RnnModelFile.Register"/>,
/// <see cref="RnnModelFile.LoadTransformer"/>, <see cref="RnnForecaster.Load"/>, <see cref="RnnOnnxForecaster"/>) must give the
/// outputs recorded when they were saved.
/// </summary>
[TestClass]
public sealed class SavedModelFormatTests
{
    // Probabilities are compared absolutely; regression values and forecasts relative to their size.
    private const float Tolerance = 1e-5f;

    private static readonly SequenceRow[] ClassifierRows =
    [
        new() { Features = [0.731537f, 0.9356675f, 0.37802264f, 0.80624276f, -0.8504647f, -0.47271976f, -0.7821325f, -0.5489938f, 0.56012625f] },
        new() { Features = [0.51608956f, 0.3806278f, 0.9495671f, -0.4412681f, 0.71587145f, -0.044163805f] },
        new() { Features = [-0.28570122f, 0.2957503f, 0.94218236f, -0.7272303f, 0.4467964f, 0.2357345f, -0.19498476f, -0.5971956f, -0.89849985f] },
    ];

    private static readonly float[][] ClassifierScores =
    [
        [0.36620325f, 0.34912944f, 0.2846673f],
        [0.32013187f, 0.38537046f, 0.29449764f],
        [0.34989738f, 0.34076813f, 0.30933452f],
    ];

    private static readonly string[] ClassifierLabels = ["class0", "class2", "class0"];

    private static readonly ScalarTargetRow[] RegressorRows =
    [
        new() { Features = [0.14469977f, -0.4623085f, -0.04886322f, -0.0967287f, -0.5982603f, 0.6311669f, 0.2144987f, -0.7964272f, -0.17737594f, -0.017003953f, 0.95466065f, -0.9942743f, -0.09094347f, 0.15878819f, -0.53317034f] },
        new() { Features = [0.51056224f, -0.339842f, -0.47865945f, 0.6764413f, 0.78209627f, 0.10878638f] },
        new() { Features = [-0.3909962f, 0.11643834f, -0.6180298f, -0.18159933f, 0.23137808f, -0.98730034f, -0.2669135f, -0.4656085f, 0.41064116f] },
    ];

    private static readonly float[] RegressorScores = [1022.2359f, 1056.3936f, 1008.86523f];

    private static readonly TaggedRow[] LabelerRows =
    [
        new() { Tokens = ["bee", "cat", "bee", "ant"], Tags = ["t0", "t0", "t0", "t0"] },
        new() { Tokens = ["bee", "ant", "eel"], Tags = ["t0", "t0", "t0"] },
        new() { Tokens = ["dog"], Tags = ["t0"] },
    ];

    private static readonly float[][] LabelerScores =
    [
        [0.22805917f, 0.31626147f, 0.4556794f, 0.22216271f, 0.30711395f, 0.47072333f, 0.22205909f, 0.33516034f, 0.44278052f, 0.21534802f, 0.4353757f, 0.34927627f],
        [0.24109553f, 0.34066302f, 0.4182414f, 0.21506004f, 0.46024013f, 0.32469985f, 0.24829973f, 0.3823195f, 0.3693807f],
        [0.30604717f, 0.35328764f, 0.3406652f],
    ];

    private static readonly uint[][] LabelerKeys = [[3, 3, 3, 2], [3, 2, 2], [2]];

    private static readonly float[] ForecastHistory =
    [
        49.76445f, 55.45937f, 58.90399f, 60.48079f, 58.601948f, 55.532433f, 50.759388f, 45.682602f, 42.586494f, 40.52373f, 42.813187f, 45.804462f,
        50.831486f, 56.75564f, 60.341732f, 61.018867f, 60.71124f, 57.075333f, 51.62687f, 47.00751f, 42.845543f, 42.336132f, 43.087772f, 47.216923f,
        51.952084f, 57.96268f, 61.328632f, 62.758213f, 61.136177f, 57.809742f,
    ];

    private static readonly float[] ForecastCovariates =
        [0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f, 0f, 1f, 0f, 0f, 0f, 1f, 1f];

    private static readonly float[] Forecast = [49.21802f, 46.52057f, 45.274635f];

    [TestMethod]
    public void SavedClassifierLoadsEveryWayAndScoresAsRecorded()
    {
        var ml = new MLContext(seed: 1);
        string path = SavedModel("classifier.zip");
        var rows = ml.Data.LoadFromEnumerable(ClassifierRows);

        var loaded = RnnModelFile.Load(ml, path, out _);
        AssertScores(ClassifierScores, loaded.Transform(rows).GetColumn<float[]>("Score"));
        CollectionAssert.AreEqual(ClassifierLabels, loaded.Transform(rows).GetColumn<string>("PredictedLabel").ToArray());

        AssertScores(ClassifierScores, PlainLoad(path).Transform(rows).GetColumn<float[]>("Score"));

        using var batched = RnnModelFile.LoadTransformer(ml, path);
        AssertScores(ClassifierScores, batched.Transform(rows).GetColumn<float[]>("Score"));
        var keys = batched.Transform(rows).GetColumn<uint>("PredictedLabel").ToArray();
        CollectionAssert.AreEqual(ClassifierLabels, keys.Select(k => batched.ClassNames[(int)k - 1]).ToArray());
    }

    [TestMethod]
    public void SavedRegressorLoadsEveryWayAndScoresAsRecorded()
    {
        var ml = new MLContext(seed: 1);
        string path = SavedModel("regressor.zip");
        var rows = ml.Data.LoadFromEnumerable(RegressorRows);

        AssertRelative(RegressorScores, RnnModelFile.Load(ml, path, out _).Transform(rows).GetColumn<float>("Score"));
        AssertRelative(RegressorScores, PlainLoad(path).Transform(rows).GetColumn<float>("Score"));
        using var batched = RnnModelFile.LoadTransformer(ml, path);
        Assert.IsTrue(batched.IsRegression);
        AssertRelative(RegressorScores, batched.Transform(rows).GetColumn<float>("Score"));
    }

    [TestMethod]
    public void SavedLabelerLoadsEveryWayAndScoresAsRecorded()
    {
        var ml = new MLContext(seed: 1);
        string path = SavedModel("labeler.zip");
        var rows = ml.Data.LoadFromEnumerable(LabelerRows);

        var loaded = RnnModelFile.Load(ml, path, out _);
        var scored = loaded.Transform(rows);
        AssertScores(LabelerScores, scored.GetColumn<float[]>("Score"));
        AssertKeys(LabelerKeys, scored.GetColumn<uint[]>("PredictedLabel"));

        AssertKeys(LabelerKeys, PlainLoad(path).Transform(rows).GetColumn<uint[]>("PredictedLabel"));

        // The batched transformer reads the keyed tokens, which the saved pipeline's first step makes.
        var keyed = ((TransformerChain<ITransformer>)loaded).First().Transform(rows);
        using var batched = RnnModelFile.LoadTransformer(ml, path);
        var batchedScores = batched.Transform(keyed);
        AssertScores(LabelerScores, batchedScores.GetColumn<float[]>("Score"));
        AssertKeys(LabelerKeys, batchedScores.GetColumn<uint[]>("PredictedLabel"));
    }

    [TestMethod]
    public void SavedForecasterLoadsEveryWayAndForecastsAsRecorded()
    {
        var ml = new MLContext(seed: 1);
        string path = SavedModel("forecaster.onnx");
        using var forecaster = RnnForecaster.Load(ml, path);
        Assert.AreEqual("Value", forecaster.SeriesColumnName);
        CollectionAssert.AreEqual(new[] { "Event" }, forecaster.CovariateColumnNames.ToArray());
        AssertRelative(Forecast, forecaster.Forecast(ForecastHistory, ForecastCovariates));
        using var onnx = new RnnOnnxForecaster(path);
        AssertRelative(Forecast, onnx.Forecast(ForecastHistory, ForecastCovariates));
    }

    private static void AssertScores(float[][] expected, IEnumerable<float[]> actual)
    {
        var rows = actual.ToArray();
        Assert.HasCount(expected.Length, rows);
        for (int row = 0; row < rows.Length; row++)
        {
            Assert.HasCount(expected[row].Length, rows[row], $"row {row}");
            for (int i = 0; i < rows[row].Length; i++)
                Assert.AreEqual(expected[row][i], rows[row][i], Tolerance, $"row {row}, value {i}");
        }
    }

    private static void AssertRelative(float[] expected, IEnumerable<float> actual)
    {
        var values = actual.ToArray();
        Assert.HasCount(expected.Length, values);
        for (int i = 0; i < values.Length; i++)
            Assert.AreEqual(expected[i], values[i], Tolerance * Math.Abs(expected[i]), $"value {i}");
    }

    private static void AssertKeys(uint[][] expected, IEnumerable<uint[]> actual)
    {
        var rows = actual.ToArray();
        Assert.HasCount(expected.Length, rows);
        for (int row = 0; row < rows.Length; row++)
            CollectionAssert.AreEqual(expected[row], rows[row], $"row {row}");
    }

    /// <summary>A saved model of <c>Persistence/testdata</c>.</summary>
    private static string SavedModel(string name) => TestData.Path("Persistence", "testdata", name);

    /// <summary>The file loaded by a plain <c>mlContext.Model.Load</c>, after <see cref="RnnModelFile.Register"/>.</summary>
    private static ITransformer PlainLoad(string path)
    {
        var plain = new MLContext(seed: 1);
        RnnModelFile.Register(plain);
        return plain.Model.Load(path, out _);
    }
}
