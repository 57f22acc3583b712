using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Rnn.Onnx.Protos;
using Rnn.Onnx.Tests.Support;

namespace Rnn.Onnx.Tests;

/// <summary>What the exported file looks like on the wire and to ONNX Runtime.</summary>
[TestClass]
public sealed class GraphStructureTests
{
    [TestMethod]
    public void BatchedGraphHasOneRecurrentNodePerLayerAndTheContractInterface()
    {
        var net = RandomNetworks.Create(RnnCellType.Lstm, 3, true, seed: 41, inputSize: 7, hiddenSize: 6, classes: 5);
        var model = ModelProto.Parser.ParseFrom(RnnOnnxExporter.ToBytes(net));

        Assert.AreEqual(8, model.IrVersion);
        Assert.AreEqual("Rnn.Onnx", model.ProducerName);
        Assert.IsFalse(string.IsNullOrEmpty(model.DocString));
        Assert.AreEqual(1, model.OpsetImport.Count);
        Assert.AreEqual("", model.OpsetImport[0].Domain);
        Assert.AreEqual(17, model.OpsetImport[0].Version);

        var lstms = model.Graph.Node.Where(n => n.OpType == "LSTM").ToList();
        Assert.HasCount(3, lstms);
        foreach (var node in lstms)
        {
            Assert.AreEqual(6, node.Attribute.Single(a => a.Name == "hidden_size").I);
            Assert.AreEqual("bidirectional", node.Attribute.Single(a => a.Name == "direction").S.ToStringUtf8());
            Assert.AreEqual(RnnOnnxNames.SequenceLengths, node.Input[4]);
        }

        var w0 = model.Graph.Initializer.Single(t => t.Name == lstms[0].Input[1]);
        CollectionAssert.AreEqual(new long[] { 2, 24, 7 }, w0.Dims.ToArray());
        var w1 = model.Graph.Initializer.Single(t => t.Name == lstms[1].Input[1]);
        CollectionAssert.AreEqual(new long[] { 2, 24, 12 }, w1.Dims.ToArray());
        var b0 = model.Graph.Initializer.Single(t => t.Name == lstms[0].Input[3]);
        CollectionAssert.AreEqual(new long[] { 2, 48 }, b0.Dims.ToArray());

        using var session = new InferenceSession(model.ToByteArray());
        CollectionAssert.AreEqual(new[] { -1, -1, 7 }, session.InputMetadata[RnnOnnxNames.Input].Dimensions);
        Assert.AreEqual(typeof(int), session.InputMetadata[RnnOnnxNames.SequenceLengths].ElementDataType switch
        {
            Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int32 => typeof(int),
            var other => throw new AssertFailedException($"sequence_lens is {other}"),
        });
        CollectionAssert.AreEqual(new[] { -1, 5 }, session.OutputMetadata[RnnOnnxNames.Probabilities].Dimensions);
        CollectionAssert.AreEqual(new[] { -1 }, session.OutputMetadata[RnnOnnxNames.PredictedIndex].Dimensions);
    }

    [TestMethod]
    public void CellSpecificAttributes()
    {
        var gru = ModelProto.Parser.ParseFrom(RnnOnnxExporter.ToBytes(RandomNetworks.Create(RnnCellType.Gru, 1, false, seed: 42)));
        Assert.AreEqual(1, gru.Graph.Node.Single(n => n.OpType == "GRU").Attribute.Single(a => a.Name == "linear_before_reset").I);
        Assert.AreEqual("forward", gru.Graph.Node.Single(n => n.OpType == "GRU").Attribute.Single(a => a.Name == "direction").S.ToStringUtf8());

        var relu = ModelProto.Parser.ParseFrom(RnnOnnxExporter.ToBytes(RandomNetworks.Create(RnnCellType.Relu, 2, true, seed: 43)));
        foreach (var node in relu.Graph.Node.Where(n => n.OpType == "RNN"))
            CollectionAssert.AreEqual(new[] { "Relu", "Relu" },
                node.Attribute.Single(a => a.Name == "activations").Strings.Select(s => s.ToStringUtf8()).ToArray());
    }

    [TestMethod]
    public void PredictedIndexOutputIsArgMaxOfProbabilities()
    {
        var net = RandomNetworks.Create(RnnCellType.Tanh, 2, true, seed: 44, classes: 6);
        var sequences = RandomNetworks.Sequences(45, net.InputSize, 3, 3, 3);
        using var session = new InferenceSession(RnnOnnxExporter.ToBytes(net));
        var flat = sequences.SelectMany(s => s).ToArray();
        using var input = OrtValue.CreateTensorValueFromMemory(flat, [3, 3, net.InputSize]);
        using var lengths = OrtValue.CreateTensorValueFromMemory(new[] { 3, 3, 3 }, [3]);
        using var results = session.Run(new RunOptions(), [RnnOnnxNames.Input, RnnOnnxNames.SequenceLengths], [input, lengths],
            [RnnOnnxNames.Probabilities, RnnOnnxNames.PredictedIndex]);
        var p = results[0].GetTensorDataAsSpan<float>().ToArray();
        var index = results[1].GetTensorDataAsSpan<long>().ToArray();
        for (int b = 0; b < 3; b++)
        {
            var row = p.AsSpan(b * 6, 6).ToArray();
            Assert.AreEqual(1.0, row.Sum(), 1e-5);
            Assert.AreEqual(Array.IndexOf(row, row.Max()), (int)index[b]);
        }
    }

    [TestMethod]
    public void WriteToStreamAndFileGiveTheSameBytes()
    {
        var net = RandomNetworks.Create(RnnCellType.Gru, 1, true, seed: 46);
        var bytes = RnnOnnxExporter.ToBytes(net);
        using var stream = new MemoryStream();
        RnnOnnxExporter.Write(net, stream);
        CollectionAssert.AreEqual(bytes, stream.ToArray());
        using var file = new TempFile();
        RnnOnnxExporter.Write(net, file.Path);
        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(file.Path));
    }
}
