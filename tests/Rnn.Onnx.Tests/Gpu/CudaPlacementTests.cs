using Google.Protobuf;
using Rnn.Onnx.Graph;
using Rnn.Onnx.Protos;
using Rnn.Onnx.Scoring;
using Rnn.Onnx.Tests.Support;

namespace Rnn.Onnx.Tests.Gpu;

/// <summary>
/// ONNX Runtime's CUDA placement rules for recurrent nodes (<see cref="CudaPlacement"/>), on every graph Rnn.Onnx writes: each
/// cell × direction × task × layout (batched, single-row, stateful), float and 8-bit, and forecasters. Only the nodes that
/// cannot comply go to the CPU: Elman ReLU layers (cuDNN's RNN takes tanh only here) and the 8-bit com.microsoft operators.
/// </summary>
[TestClass]
public sealed class CudaPlacementTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void OnlyReluLayersAndQuantizedOperatorsLeaveTheGpu()
    {
        int graphs = 0;
        foreach (var (name, bytes) in EveryExportedGraph())
        {
            var model = ModelProto.Parser.ParseFrom(bytes);
            var expected = model.Graph.Node
                .Where(n => (n.OpType == "RNN" && n.Attribute.Single(a => a.Name == "activations").Strings.All(s => s.ToStringUtf8() == "Relu"))
                    || n.OpType is "DynamicQuantizeLSTM" or "DynamicQuantizeMatMul")
                .Select(n => n.Name)
                .ToArray();
            var actual = CudaPlacement.CpuNodes(bytes);
            CollectionAssert.AreEqual(expected, actual.Select(n => n.Name).ToArray(), name);
            foreach (var node in model.Graph.Node.Where(n => n.OpType is "LSTM" or "GRU" or "RNN" or "DynamicQuantizeLSTM"))
                Assert.IsFalse(node.Attribute.Any(a => a.Name is "clip" or "activation_alpha" or "activation_beta" or "input_forget"), $"{name}: {node.Name}");
            graphs++;
        }

        TestContext.WriteLine($"{graphs} graphs checked");
        Assert.IsGreaterThan(200, graphs);
    }

    [TestMethod]
    public void EachRuleSendsANodeToTheCpu()
    {
        static NodeProto Node(string op, params AttributeProto[] attributes)
        {
            var node = new NodeProto { Name = "n", OpType = op };
            node.Input.Add(["x", "w", "r"]);
            node.Attribute.Add(attributes);
            return node;
        }

        static AttributeProto Strings(string name, params string[] values)
        {
            var attribute = new AttributeProto { Name = name, Type = AttributeType.Strings };
            attribute.Strings.Add(values.Select(ByteString.CopyFromUtf8));
            return attribute;
        }

        static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeType.Int, I = value };
        static AttributeProto Float(string name) => new() { Name = name, Type = AttributeType.Float, F = 1 };

        static string? Reason(NodeProto node)
        {
            var graph = new GraphProto();
            graph.Node.Add(node);
            return CudaPlacement.CpuNodes(graph).SingleOrDefault()?.Reason;
        }

        var peephole = Node("LSTM");
        peephole.Input.Add(["b", "", "", "", "p"]);
        var noPeephole = Node("LSTM");
        noPeephole.Input.Add(["b", "lengths", "", "", ""]);
        var quantizedPeephole = Node("DynamicQuantizeLSTM");
        quantizedPeephole.Domain = OnnxGraphBuilder.MicrosoftDomain;

        StringAssert.Contains(Reason(Node("LSTM", Float("clip"))), "clip");
        StringAssert.Contains(Reason(Node("GRU", Strings("activation_alpha"))), "activation_alpha");
        StringAssert.Contains(Reason(Node("RNN", Strings("activation_beta"))), "activation_beta");
        StringAssert.Contains(Reason(Node("RNN", Strings("activations", "Relu"))), "Relu");
        StringAssert.Contains(Reason(Node("RNN", Strings("activations", "Tanh", "Relu"))), "Relu");
        StringAssert.Contains(Reason(Node("LSTM", Strings("activations", "Sigmoid", "Tanh", "Relu"))), "Relu");
        StringAssert.Contains(Reason(Node("GRU", Strings("activations", "Tanh", "Tanh"))), "activations");
        StringAssert.Contains(Reason(Node("LSTM", Int("input_forget", 1))), "input_forget");
        StringAssert.Contains(Reason(Node("GRU", Int("linear_before_reset", 0))), "linear_before_reset");
        StringAssert.Contains(Reason(peephole), "peephole");
        StringAssert.Contains(Reason(quantizedPeephole), "8-bit");

        // What cuDNN runs stays: default activations in any case, tanh RNNs, PyTorch's GRU, absent attributes, an unnamed peephole.
        Assert.IsNull(Reason(Node("RNN", Strings("activations", "Tanh", "TANH"))));
        Assert.IsNull(Reason(Node("LSTM", Strings("activations", "sigmoid", "Tanh", "tanh", "Sigmoid", "TANH", "tanh"))));
        Assert.IsNull(Reason(Node("GRU", Strings("activations", "Sigmoid", "Tanh"), Int("linear_before_reset", 1))));
        Assert.IsNull(Reason(Node("LSTM", Int("input_forget", 0), Int("hidden_size", 4))));
        Assert.IsNull(Reason(noPeephole));
        Assert.IsNull(Reason(Node("Gemm")));
    }

    [TestMethod]
    public void TheLogLineNamesEachNodeAndWhy()
    {
        var relu = RnnOnnxExporter.ToBytes(RandomNetworks.Create(RnnCellType.Relu, 2, true, seed: 61));
        var line = CudaPlacement.LogLine(relu, "model.onnx", 0)!;
        TestContext.WriteLine(line);
        StringAssert.StartsWith(line, "Rnn.Onnx: model.onnx opened on CUDA device 0");
        StringAssert.Contains(line, "runs 2 of its nodes on the CPU: layer0.rnn (RNN: activations [Relu, Relu]");
        StringAssert.Contains(line, "layer1.rnn");
        Assert.DoesNotContain("\n", line, "one line");

        var int8 = RnnOnnxExporter.ToBytes(RandomNetworks.Create(RnnCellType.Lstm, 1, false, seed: 62), new OnnxExportOptions { Quantization = OnnxQuantization.DynamicInt8 });
        StringAssert.Contains(CudaPlacement.LogLine(int8, "int8.onnx", 1), "layer0.lstm (DynamicQuantizeLSTM: an 8-bit com.microsoft operator");
        Assert.IsNull(CudaPlacement.LogLine(RnnOnnxExporter.ToBytes(RandomNetworks.Create(RnnCellType.Gru, 2, true, seed: 63)), "gru.onnx", 0),
            "a float GRU stays on the GPU: nothing to say");
    }

    private static IEnumerable<(string Name, byte[] Bytes)> EveryExportedGraph()
    {
        string[] vocabulary = ["a", "b", "c"];
        int seed = 600;
        foreach (var cell in Enum.GetValues<RnnCellType>())
        {
            foreach (bool bidirectional in new[] { false, true })
            {
                var net = RandomNetworks.Create(cell, 2, bidirectional, ++seed, inputSize: 3, hiddenSize: 4, classes: 3);
                var tasks = new Dictionary<string, RecurrentNetworkDescription>
                {
                    ["classify"] = net,
                    ["max-pool"] = new(net.Cell, net.InputSize, net.HiddenSize, net.Bidirectional, net.Layers, net.Head, net.ClassNames, pooling: RnnPooling.Max),
                    ["mean-pool"] = new(net.Cell, net.InputSize, net.HiddenSize, net.Bidirectional, net.Layers, net.Head, net.ClassNames, pooling: RnnPooling.Mean),
                    ["label"] = new(net.Cell, net.InputSize, net.HiddenSize, net.Bidirectional, net.Layers, net.Head, net.ClassNames, perStep: true),
                    ["regress"] = RandomNetworks.AsRegressor(net, [0, 1, 2], [1, 2, 3]),
                    ["embedding"] = RandomNetworks.WithTokens(net, TokenLookup.Embedding(vocabulary, 3, new float[12])),
                    ["one-hot"] = RandomNetworks.WithTokens(RandomNetworks.Create(cell, 2, bidirectional, seed, inputSize: 4, hiddenSize: 4, classes: 3), TokenLookup.OneHot(vocabulary)),
                };
                foreach (var (task, network) in tasks)
                {
                    foreach (var layout in Enum.GetValues<OnnxInputLayout>())
                    {
                        if (layout == OnnxInputLayout.Stateful && Export.StatefulGraph.Unsupported(network) is not null)
                            continue;
                        foreach (var quantization in Enum.GetValues<OnnxQuantization>())
                            yield return ($"{cell} {(bidirectional ? "bi" : "uni")} {task} {layout} {quantization}",
                                RnnOnnxExporter.ToBytes(network, new OnnxExportOptions { Layout = layout, Quantization = quantization }));
                    }
                }

                foreach (int covariates in new[] { 0, 2 })
                {
                    var window = new ForecastWindow(6, 3, RnnForecastLevel.WindowMean, 0, 1,
                        [.. Enumerable.Range(0, covariates).Select(i => $"x{i}")], new float[covariates], [.. Enumerable.Repeat(1f, covariates)]);
                    var forecaster = RandomNetworks.AsRegressor(
                        RandomNetworks.Create(cell, 2, bidirectional, ++seed, inputSize: window.NetworkInputSize, hiddenSize: 4, classes: 3), [0, 0, 0], [1, 1, 1]);
                    yield return ($"{cell} {(bidirectional ? "bi" : "uni")} forecaster c{covariates}", RnnOnnxForecastExporter.ToBytes(forecaster, window));
                }
            }
        }
    }
}
