using Microsoft.ML.OnnxRuntime;
using Rnn.Onnx.Tests.Support;

namespace Rnn.Onnx.Tests;

/// <summary>The rnn.* metadata round-trips through the file, ONNX Runtime and the scorer.</summary>
[TestClass]
public sealed class MetadataTests
{
    private static readonly string[] TrickyNames = ["ham", "spam \"quoted\", with comma", "ünïcödé ✓", "line\nbreak"];

    [TestMethod]
    public void StandardAndExtraMetadataRoundTrip()
    {
        var net = RandomNetworks.Create(RnnCellType.Gru, 2, true, seed: 51, inputSize: 9, hiddenSize: 7, classes: 4, classNames: TrickyNames);
        var options = new OnnxExportOptions { Metadata = { ["app.dataset"] = "sms", ["app.trained"] = "2024-01-01" } };
        var bytes = RnnOnnxExporter.ToBytes(net, options);

        using (var session = new InferenceSession(bytes))
        {
            var map = session.ModelMetadata.CustomMetadataMap;
            Assert.AreEqual("1", map[RnnOnnxMetadata.FormatVersion]);
            Assert.AreEqual("batched", map[RnnOnnxMetadata.Layout]);
            Assert.AreEqual("gru", map[RnnOnnxMetadata.Cell]);
            Assert.AreEqual("9", map[RnnOnnxMetadata.InputSize]);
            Assert.AreEqual("7", map[RnnOnnxMetadata.HiddenSize]);
            Assert.AreEqual("2", map[RnnOnnxMetadata.NumLayers]);
            Assert.AreEqual("true", map[RnnOnnxMetadata.Bidirectional]);
            CollectionAssert.AreEqual(TrickyNames, System.Text.Json.JsonSerializer.Deserialize<string[]>(map[RnnOnnxMetadata.ClassNames]));
            Assert.AreEqual("sms", map["app.dataset"]);
            Assert.AreEqual("Rnn.Onnx", session.ModelMetadata.ProducerName);
        }

        using var scorer = RnnOnnxScorer.FromBytes(bytes);
        Assert.AreEqual(9, scorer.InputSize);
        Assert.AreEqual(4, scorer.ClassCount);
        Assert.AreEqual(RnnCellType.Gru, scorer.Cell);
        CollectionAssert.AreEqual(TrickyNames, scorer.ClassNames.ToArray());
        Assert.AreEqual("2024-01-01", scorer.Metadata["app.trained"]);
        var prediction = scorer.Score(new float[9 * 2]);
        Assert.AreEqual(TrickyNames[prediction.PredictedIndex], prediction.PredictedLabel);
    }

    [TestMethod]
    public void SingleRowLayoutIsRecorded()
    {
        var net = RandomNetworks.Create(RnnCellType.Tanh, 1, false, seed: 52);
        using var session = new InferenceSession(RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Layout = OnnxInputLayout.SingleRow }));
        Assert.AreEqual("single_row", session.ModelMetadata.CustomMetadataMap[RnnOnnxMetadata.Layout]);
        Assert.AreEqual("tanh", session.ModelMetadata.CustomMetadataMap[RnnOnnxMetadata.Cell]);
        Assert.AreEqual("false", session.ModelMetadata.CustomMetadataMap[RnnOnnxMetadata.Bidirectional]);
    }

    [TestMethod]
    public void ExtraMetadataMayNotOverwriteStandardKeys()
    {
        var net = RandomNetworks.Create(RnnCellType.Lstm, 1, false, seed: 53);
        foreach (var key in RnnOnnxMetadata.StandardKeys)
        {
            var options = new OnnxExportOptions { Metadata = { [key] = "x" } };
            var ex = Assert.ThrowsExactly<ArgumentException>(() => RnnOnnxExporter.ToBytes(net, options));
            StringAssert.Contains(ex.Message, key);
        }
    }

    [TestMethod]
    public void ProducerNameIsConfigurable()
    {
        var net = RandomNetworks.Create(RnnCellType.Lstm, 1, false, seed: 54);
        using var session = new InferenceSession(RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { ProducerName = "MyApp" }));
        Assert.AreEqual("MyApp", session.ModelMetadata.ProducerName);
    }

    [TestMethod]
    public void NonFiniteWeightsAreRefused()
    {
        var net = RandomNetworks.Create(RnnCellType.Lstm, 2, false, seed: 55);
        var w = net.Layers[1][0];
        var recurrent = w.RecurrentWeights.ToArray();
        recurrent[3] = float.NaN;
        net = new RecurrentNetworkDescription(net.Cell, net.InputSize, net.HiddenSize, net.Bidirectional,
            [net.Layers[0], [new RecurrentDirectionWeights(w.InputWeights.Span, recurrent, w.InputBias.Span, w.RecurrentBias.Span)]], net.Head, net.ClassNames);
        var ex = Assert.ThrowsExactly<ArgumentException>(() => RnnOnnxExporter.ToBytes(net));
        StringAssert.Contains(ex.Message, "layer 1 forward recurrent weights");
        StringAssert.Contains(ex.Message, "index 3");
    }
}
