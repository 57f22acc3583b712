using Microsoft.ML.OnnxRuntime;
using Rnn.Onnx.Tests.Support;
using Rnn.Tests.Reference;

namespace Rnn.Onnx.Tests;

/// <summary>
/// Regressors: the exported graph applies the target scaling (values in target units, no softmax), says in its metadata
/// that it is a regressor and names its targets, reads back through the importer, and RnnOnnxScorer predicts with it.
/// </summary>
[TestClass]
public sealed class RegressionTests
{
    private static readonly float[] Means = [1200f, -3.5f, 0.25f];
    private static readonly float[] Scales = [350f, 0.02f, 7f];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(RnnCellType.Tanh)]
    [DataRow(RnnCellType.Relu)]
    [DataRow(RnnCellType.Lstm)]
    [DataRow(RnnCellType.Gru)]
    public void OrtMatchesReferenceForwardInTargetUnits(RnnCellType cell)
    {
        foreach (int layers in new[] { 1, 2, 3 })
            foreach (bool bidirectional in new[] { false, true })
                foreach (var lengths in new[] { new[] { 5, 5, 5 }, new[] { 1, 8, 3, 6 } })
                {
                    int seed = 2000 + 1000 * (int)cell + 100 * layers + 10 * (bidirectional ? 1 : 0) + lengths.Length;
                    var net = RandomNetworks.AsRegressor(RandomNetworks.Create(cell, layers, bidirectional, seed, classes: 3), Means, Scales);
                    var sequences = RandomNetworks.Sequences(seed + 1, net.InputSize, lengths);
                    using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));
                    var predicted = scorer.PredictBatch(sequences);

                    double worst = 0;
                    for (int b = 0; b < sequences.Length; b++)
                    {
                        var expected = new ReferenceNetwork(net).Score(sequences[b]);
                        var alone = scorer.Predict(sequences[b]);
                        for (int t = 0; t < expected.Length; t++)
                        {
                            worst = Math.Max(worst, Math.Abs(predicted[b][t] - expected[t]) / Scales[t]);
                            worst = Math.Max(worst, Math.Abs(alone[t] - expected[t]) / Scales[t]);
                        }
                    }

                    TestContext.WriteLine($"{cell} x{layers} {(bidirectional ? "bi" : "uni")} lengths {string.Join(",", lengths)}: max |diff| / scale {worst:E2}");
                    Assert.IsTrue(worst <= 1e-5, $"{cell} x{layers} bi={bidirectional}: max |diff| / scale {worst:E3} > 1e-5");
                }
    }

    [TestMethod]
    public void MetadataSaysRegressorAndNamesTheTargets()
    {
        var net = Regressor(seed: 3);
        var bytes = RnnOnnxExporter.ToBytes(net);
        using (var session = new InferenceSession(bytes))
        {
            var map = session.ModelMetadata.CustomMetadataMap;
            Assert.AreEqual("regression", map[RnnOnnxMetadata.Task]);
            Assert.AreEqual("3", map[RnnOnnxMetadata.FormatVersion], "older readers must refuse a regressor rather than misread it");
            CollectionAssert.AreEqual(new[] { "target0", "target1", "target2" }, System.Text.Json.JsonSerializer.Deserialize<string[]>(map[RnnOnnxMetadata.TargetNames]));
            Assert.AreEqual("[]", map[RnnOnnxMetadata.ClassNames]);
            Assert.IsFalse(session.OutputMetadata.ContainsKey(RnnOnnxNames.Probabilities), "a regressor has no softmax output");
            CollectionAssert.AreEqual(new[] { -1, 3 }, session.OutputMetadata[RnnOnnxNames.Predictions].Dimensions);
        }

        using var scorer = RnnOnnxScorer.FromBytes(bytes);
        Assert.IsTrue(scorer.IsRegression);
        Assert.AreEqual(3, scorer.TargetCount);
        Assert.AreEqual(0, scorer.ClassCount);
        CollectionAssert.AreEqual(new[] { "target0", "target1", "target2" }, scorer.TargetNames.ToArray());
    }

    [TestMethod]
    public void ClassifierMethodsRefuseARegressorAndViceVersa()
    {
        using var regressor = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(Regressor(seed: 4)));
        var sequence = new float[3 * 2];
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => regressor.Score(sequence));
        StringAssert.Contains(error.Message, "regressor");
        StringAssert.Contains(error.Message, "Predict");
        Assert.ThrowsExactly<InvalidOperationException>(() => regressor.ScoreBatch([sequence]));

        using var classifier = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(RandomNetworks.Create(RnnCellType.Gru, 1, false, seed: 5)));
        Assert.IsFalse(classifier.IsRegression);
        Assert.AreEqual(0, classifier.TargetCount);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => classifier.Predict(sequence)).Message, "classifier");
    }

    [TestMethod]
    public void ImporterReadsTheTargetsAndScalingBack()
    {
        var net = Regressor(seed: 6);
        var (read, _) = RnnOnnxImporter.Read(RnnOnnxExporter.ToBytes(net));
        Assert.IsTrue(read.IsRegression);
        CollectionAssert.AreEqual(net.Regression!.Names.ToArray(), read.Regression!.Names.ToArray());
        CollectionAssert.AreEqual(Means, read.Regression.Means.ToArray());
        CollectionAssert.AreEqual(Scales, read.Regression.Scales.ToArray());

        var sequence = RandomNetworks.Sequences(7, net.InputSize, 4)[0];
        using var original = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));
        using var again = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(read));
        CollectionAssert.AreEqual(original.Predict(sequence), again.Predict(sequence));
    }

    [TestMethod]
    public void SingleRowRegressorPredictsInTargetUnits()
    {
        var net = Regressor(seed: 8);
        var sequence = RandomNetworks.Sequences(9, net.InputSize, 5)[0];
        using var batched = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));
        var expected = batched.Predict(sequence);

        var names = new SingleRowTensorNames(Predictions: "Score");
        using var session = new InferenceSession(RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Layout = OnnxInputLayout.SingleRow, SingleRowNames = names }));
        Assert.AreEqual(1, session.OutputMetadata.Count, "a single-row regressor has one output: its values");
        CollectionAssert.AreEqual(new[] { 3 }, session.OutputMetadata["Score"].Dimensions);
        using var features = OrtValue.CreateTensorValueFromMemory(sequence, [1, sequence.Length]);
        using var results = session.Run(new RunOptions(), [RnnOnnxNames.Features], [features], ["Score"]);
        var actual = results[0].GetTensorDataAsSpan<float>().ToArray();
        for (int t = 0; t < expected.Length; t++)
            Assert.AreEqual(expected[t], actual[t], 1e-5 * Scales[t], $"target {t}");
    }

    [TestMethod]
    public void InputSkipAddsALinearPathFromInputValuesToTheTargets()
    {
        var plain = Regressor(seed: 12);
        var positions = new[] { 0, 4, 8, 11 };
        var rng = new Random(13);
        var weights = new DenseLayerWeights(3, positions.Length, [.. Enumerable.Range(0, 12).Select(_ => (float)rng.NextDouble() - 0.5f)], [0.1f, -0.2f, 0.3f]);
        var net = new RecurrentNetworkDescription(plain.Cell, plain.InputSize, plain.HiddenSize, plain.Bidirectional, plain.Layers, plain.Head, [],
            regression: plain.Regression, inputSkip: new LinearSkip(positions, weights));
        var sequences = RandomNetworks.Sequences(14, net.InputSize, 4, 4, 4);
        var bytes = RnnOnnxExporter.ToBytes(net);
        using var scorer = RnnOnnxScorer.FromBytes(bytes);
        using var withoutSkip = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(plain));
        var predicted = scorer.PredictBatch(sequences);
        for (int b = 0; b < sequences.Length; b++)
        {
            var expected = new ReferenceNetwork(net).Score(sequences[b]);
            for (int t = 0; t < 3; t++)
                Assert.AreEqual(expected[t], predicted[b][t], 1e-5 * Scales[t], $"sequence {b}, target {t}");
            Assert.AreNotEqual(withoutSkip.Predict(sequences[b])[0], predicted[b][0], "the skip changes the prediction");
        }

        Assert.AreEqual("5", scorer.Metadata[RnnOnnxMetadata.FormatVersion], "readers without input skips must refuse the model");
        var (read, _) = RnnOnnxImporter.Read(bytes);
        CollectionAssert.AreEqual(positions, read.InputSkip!.InputPositions.ToArray());
        CollectionAssert.AreEqual(weights.Weights.ToArray(), read.InputSkip.Weights.Weights.ToArray());
        Assert.ThrowsExactly<ArgumentException>(() => new LinearSkip([1, 1], new DenseLayerWeights(3, 2, new float[6], new float[3])));
    }

    [TestMethod]
    public void InconsistentRegressorsAreRefused()
    {
        var net = RandomNetworks.Create(RnnCellType.Lstm, 1, false, seed: 10, classes: 3);
        var targets = new RegressionTargets(["a", "b", "c"], Means, Scales);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() =>
            new RecurrentNetworkDescription(net.Cell, net.InputSize, net.HiddenSize, false, net.Layers, net.Head, net.ClassNames, regression: targets)).Message, "no classes");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() =>
            new RecurrentNetworkDescription(net.Cell, net.InputSize, net.HiddenSize, false, net.Layers, net.Head, [],
                regression: new RegressionTargets(["a"], [0f], [1f]))).Message, "1 regression targets for a head with 3 outputs");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => new RegressionTargets(["a"], [0f], [0f])).Message, "expected a finite number > 0");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => new RegressionTargets(["a"], [float.NaN], [1f])).Message, "mean of target 'a'");
        Assert.ThrowsExactly<ArgumentException>(() => new RegressionTargets([], [], []));
    }

    [TestMethod]
    public void ARegressorCannotBeStreamedAndItsTritonModelOutputsPredictions()
    {
        var net = RandomNetworks.AsRegressor(RandomNetworks.Create(RnnCellType.Gru, 1, false, seed: 12, classes: 3), Means, Scales);
        var bytes = RnnOnnxExporter.ToBytes(net);
        using var scorer = RnnOnnxScorer.FromBytes(bytes);
        // A stream gives running class predictions, which a regressor does not make.
        StringAssert.Contains(Assert.ThrowsExactly<NotSupportedException>(() => scorer.OpenStream()).Message, "numeric targets");
        Assert.ThrowsExactly<ArgumentException>(() => RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Layout = OnnxInputLayout.Stateful }));

        var repository = Directory.CreateTempSubdirectory("rnn-onnx-regressor-triton-").FullName;
        try
        {
            var folder = TritonModelRepository.Export(bytes, repository, "regressor");
            string config = File.ReadAllText(Path.Combine(folder, "config.pbtxt"));
            StringAssert.Contains(config, $"name: \"{RnnOnnxNames.Predictions}\"");
            Assert.IsFalse(config.Contains(RnnOnnxNames.Probabilities, StringComparison.Ordinal), "the regressor's graph has no probabilities output");
            Assert.ThrowsExactly<ArgumentException>(() => TritonModelRepository.Export(bytes, repository, "stream", new TritonExportOptions { Streaming = true }));
        }
        finally
        {
            Directory.Delete(repository, recursive: true);
        }
    }

    private static RecurrentNetworkDescription Regressor(int seed) =>
        RandomNetworks.AsRegressor(RandomNetworks.Create(RnnCellType.Lstm, 2, true, seed, classes: 3), Means, Scales);
}
