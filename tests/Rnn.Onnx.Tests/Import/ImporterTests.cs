using Rnn.Onnx.Tests.Support;

namespace Rnn.Onnx.Tests;

[TestClass]
public sealed class ImporterTests
{
    // The stateful layout is for unidirectional networks only (StreamingTests covers the refusal).
    public static IEnumerable<object[]> Networks() =>
        from cell in Enum.GetValues<RnnCellType>()
        from layers in new[] { 1, 3 }
        from bidirectional in new[] { false, true }
        from layout in Enum.GetValues<OnnxInputLayout>()
        where !(bidirectional && layout == OnnxInputLayout.Stateful)
        select new object[] { cell, layers, bidirectional, layout };

    [TestMethod]
    [DynamicData(nameof(Networks))]
    public void ExportThenImportGivesTheSameNetwork(RnnCellType cell, int layers, bool bidirectional, OnnxInputLayout layout)
    {
        var network = RandomNetworks.Create(cell, layers, bidirectional, seed: 5, inputSize: 3, hiddenSize: 4, classes: 3);
        var bytes = RnnOnnxExporter.ToBytes(network, new OnnxExportOptions { Layout = layout, Metadata = { ["app.key"] = "value" } });

        var (imported, metadata) = RnnOnnxImporter.Read(bytes);

        Assert.AreEqual(network.Cell, imported.Cell);
        Assert.AreEqual(network.InputSize, imported.InputSize);
        Assert.AreEqual(network.HiddenSize, imported.HiddenSize);
        Assert.AreEqual(network.Bidirectional, imported.Bidirectional);
        CollectionAssert.AreEqual(network.ClassNames.ToArray(), imported.ClassNames.ToArray());
        for (int layer = 0; layer < layers; layer++)
        {
            for (int dir = 0; dir < network.Directions; dir++)
            {
                var expected = network.Layers[layer][dir];
                var actual = imported.Layers[layer][dir];
                CollectionAssert.AreEqual(expected.InputWeights.ToArray(), actual.InputWeights.ToArray(), $"layer {layer} dir {dir} W");
                CollectionAssert.AreEqual(expected.RecurrentWeights.ToArray(), actual.RecurrentWeights.ToArray(), $"layer {layer} dir {dir} R");
                CollectionAssert.AreEqual(expected.InputBias.ToArray(), actual.InputBias.ToArray(), $"layer {layer} dir {dir} Wb");
                CollectionAssert.AreEqual(expected.RecurrentBias.ToArray(), actual.RecurrentBias.ToArray(), $"layer {layer} dir {dir} Rb");
            }
        }

        CollectionAssert.AreEqual(network.Head.Weights.ToArray(), imported.Head.Weights.ToArray());
        CollectionAssert.AreEqual(network.Head.Bias.ToArray(), imported.Head.Bias.ToArray());
        Assert.AreEqual("value", metadata["app.key"]);
        CollectionAssert.AreEqual(bytes, RnnOnnxExporter.ToBytes(imported, new OnnxExportOptions { Layout = layout, Metadata = { ["app.key"] = "value" } }),
            "re-exporting the imported network gives the same file");
    }

    [TestMethod]
    public void GarbageIsInvalidData()
    {
        var error = Assert.Throws<InvalidDataException>(() => RnnOnnxImporter.Read([1, 2, 3, 250, 251], "garbage.onnx"));
        StringAssert.Contains(error.Message, "garbage.onnx");
    }
}
