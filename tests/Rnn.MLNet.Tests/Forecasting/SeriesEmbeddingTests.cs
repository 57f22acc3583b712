using Microsoft.ML;
using Rnn.Tests.Reference;
using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet.Tests;

/// <summary>The forecaster's learned series-id embedding: its map folds into the first layer exactly, and panels train and serve with it.</summary>
[TestClass]
public sealed class SeriesEmbeddingTests
{
    [TestMethod]
    [DataRow(RnnCellType.Lstm, false)]
    [DataRow(RnnCellType.Gru, true)]
    [DataRow(RnnCellType.Tanh, true)]
    public void TheProjectionFoldsIntoTheFirstLayerExactly(RnnCellType cell, bool bidirectional)
    {
        TorchRuntime.EnsureLoaded();
        // Steps of 9 values in 3 groups of 3 (a network step reading 3 time steps of 1 value + 2 one-hot ids); map to 2 each.
        var projection = new InputProjection([1, 2, 4, 5, 7, 8], Width: 2, Size: 3);
        var shape = new NetworkShape(cell, InputSize: 9, HiddenSize: 5, NumLayers: 2, bidirectional, Dropout: 0f, Classes: 4,
            TokenRows: 0, LearnedEmbedding: false, ReadsEveryStep: false, Projection: projection);
        using var scope = NewDisposeScope();
        torch.random.manual_seed(11);
        using var network = new RnnSequenceNetwork(shape);
        network.eval();
        var inputs = torch.randn(3, 6, 9);
        using var lengths = torch.tensor(new long[] { 6, 6, 6 });
        using var noGrad = torch.no_grad();
        var probabilities = nn.functional.softmax(network.call(inputs, lengths), 1).data<float>().ToArray();
        var description = NetworkWeights.Describe(network, ["a", "b", "c", "d"], vocabulary: null);
        Assert.AreEqual(9, description.InputSize, "the exported network reads the ids as inputs");
        var reference = new ReferenceNetwork(description);
        var values = inputs.data<float>().ToArray();
        for (int row = 0; row < 3; row++)
        {
            var expected = reference.Score(values.AsSpan(row * 54, 54).ToArray());
            for (int c = 0; c < 4; c++)
                Assert.AreEqual(expected[c], probabilities[row * 4 + c], 2e-5, $"row {row}, class {c}");
        }
    }

    [TestMethod]
    public void APanelTrainsWithAnEmbeddingAndServesKnownAndUnknownIds()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticPanel.Generate(90);
        var options = SyntheticPanel.Options(window: 12, horizon: 3, quantiles: [0.1f, 0.5f, 0.9f], epochs: 4);
        options.SeriesEmbeddingSize = 2;
        using var forecaster = ml.Rnn().Forecaster(options).Fit(SyntheticPanel.Load(ml, rows));
        CollectionAssert.AreEqual(new[] { "series#0", "series#1", "series#2" }, forecaster.Panel!.StaticCovariateNames.ToArray());
        Assert.AreEqual(forecaster.Window.NetworkInputSize, forecaster.Networks[0].InputSize, "the exported network reads the one-hot ids");
        Assert.IsTrue(forecaster.Panel.StandardisedStatics(forecaster.Panel.Count).All(v => Math.Abs(v) < 1e-6f), "an unknown id's ids are the mean: its embedding is the mean embedding");
        Assert.IsTrue(forecaster.Panel.StandardisedStatics(1).Any(v => Math.Abs(v) > 0.1f));

        var history = rows.Where(r => r.Id == "medium").Select(r => r.Value).TakeLast(12).ToArray();
        var known = forecaster.Forecast("medium", history);
        var unknown = forecaster.Forecast("stranger", history);
        Assert.IsTrue(known.Concat(unknown).All(float.IsFinite));
        CollectionAssert.AreNotEqual(known, unknown, "a known id reads its own embedding and scale, an unknown one the mean embedding and its history's scale");

        var path = Path.Combine(Path.GetTempPath(), $"embedding-{Guid.NewGuid():N}.onnx");
        try
        {
            forecaster.Save(path);
            using var loaded = RnnForecaster.Load(new MLContext(), path);
            CollectionAssert.AreEqual(known, loaded.Forecast("medium", history));
            using var served = new Rnn.Onnx.RnnOnnxForecaster(path);
            CollectionAssert.AreEqual(unknown, served.Forecast("stranger", history));
        }
        finally
        {
            File.Delete(path);
        }

        var evaluation = forecaster.Evaluate(SyntheticPanel.Load(ml, rows), testSteps: 12);
        Assert.IsTrue(evaluation.Metrics.MeanAbsoluteScaledError < 2, $"MASE {evaluation.Metrics.MeanAbsoluteScaledError}");
    }

    [TestMethod]
    public void AnEmbeddingNeedsManySeriesAndAPositiveSize()
    {
        var ml = new MLContext(seed: 1);
        var single = SyntheticPanel.Options();
        single.SeriesIdColumnName = null;
        single.SeriesEmbeddingSize = 4;
        var alone = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Rnn().Forecaster(single));
        StringAssert.Contains(alone.Message, "SeriesEmbeddingSize");
        StringAssert.Contains(alone.Message, "with SeriesIdColumnName");
        var negative = SyntheticPanel.Options();
        negative.SeriesEmbeddingSize = -1;
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Rnn().Forecaster(negative)).Message, "-1");
    }
}
