using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Rnn.Onnx.Protos;
using Rnn.Onnx.Tests.Support;

namespace Rnn.Onnx.Tests.Quantization;

/// <summary>
/// What an <see cref="OnnxQuantization.DynamicInt8"/> file holds: LSTM layers as com.microsoft DynamicQuantizeLSTM and the head as
/// DynamicQuantizeMatMul with 8-bit per-channel weights, GRU and Elman layers left float; the structural rules every exported
/// graph meets; its metadata; reading it back; scoring a float file through its 8-bit form; streams; refused options.
/// </summary>
[TestClass]
public sealed class QuantizedGraphTests
{
    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Layouts() =>
        from cell in Enum.GetValues<RnnCellType>()
        from bidirectional in new[] { false, true }
        from layout in Enum.GetValues<OnnxInputLayout>()
        where !(bidirectional && layout == OnnxInputLayout.Stateful)
        select new object[] { cell, bidirectional, layout };

    [TestMethod]
    [DynamicData(nameof(Layouts))]
    public void QuantizedGraphMeetsTheStructuralRulesAndLoads(RnnCellType cell, bool bidirectional, OnnxInputLayout layout)
    {
        var net = RandomNetworks.Create(cell, 2, bidirectional, seed: 31, inputSize: 7, hiddenSize: 6, classes: 5);
        var bytes = RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Layout = layout, Quantization = OnnxQuantization.DynamicInt8 });
        var model = ModelProto.Parser.ParseFrom(bytes);
        GraphRules.Check(model);

        Assert.AreEqual(8, model.IrVersion);
        CollectionAssert.AreEqual(new[] { ("", 17L), ("com.microsoft", 1L) }, model.OpsetImport.Select(o => (o.Domain, o.Version)).ToArray());
        var metadata = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.AreEqual("dynamic_int8", metadata[RnnOnnxMetadata.Quantization]);
        Assert.AreEqual("6", metadata[RnnOnnxMetadata.FormatVersion]);
        StringAssert.Contains(model.DocString, "needs ONNX Runtime");

        int d = bidirectional ? 2 : 1;
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);
        var recurrent = model.Graph.Node.Where(n => n.Name.StartsWith("layer", StringComparison.Ordinal) && n.Name.Split('.')[1] is "lstm" or "gru" or "rnn").ToList();
        Assert.HasCount(2, recurrent);
        foreach (var (node, layer) in recurrent.Select((n, i) => (n, i)))
        {
            int width = layer == 0 ? 7 : d * 6;
            if (cell == RnnCellType.Lstm)
            {
                Assert.AreEqual("DynamicQuantizeLSTM", node.OpType);
                Assert.AreEqual("com.microsoft", node.Domain);
                Assert.HasCount(12, node.Input);
                Assert.AreEqual("", node.Input[7], "no peephole");
                var w = initializers[node.Input[1]];
                Assert.AreEqual(3, w.DataType, "int8");
                CollectionAssert.AreEqual(new long[] { d, width, 24 }, w.Dims.ToArray());
                CollectionAssert.AreEqual(new long[] { d, 6, 24 }, initializers[node.Input[2]].Dims.ToArray());
                CollectionAssert.AreEqual(new long[] { d, 48 }, initializers[node.Input[3]].Dims.ToArray());
                foreach (int i in new[] { 8, 10 })
                {
                    Assert.AreEqual(1, initializers[node.Input[i]].DataType, "scales are float");
                    CollectionAssert.AreEqual(new long[] { d, 24 }, initializers[node.Input[i]].Dims.ToArray());
                }

                foreach (int i in new[] { 9, 11 })
                    Assert.IsTrue(initializers[node.Input[i]].RawData.All(b => b == 0), "symmetric: zero points are 0");
                // The largest weight of each gate row is ±127.
                var q = w.RawData.Select(b => (sbyte)b).ToArray();
                for (int row = 0; row < d * 24; row++)
                {
                    int dir = row / 24, r = row % 24;
                    int max = Enumerable.Range(0, width).Max(c => Math.Abs((int)q[(dir * width + c) * 24 + r]));
                    Assert.AreEqual(127, max, $"row {row}");
                }
            }
            else
            {
                Assert.AreEqual(cell == RnnCellType.Gru ? "GRU" : "RNN", node.OpType, "ONNX Runtime has no 8-bit GRU or RNN kernel: the layer stays float");
                Assert.AreEqual("", node.Domain);
                Assert.AreEqual(1, initializers[node.Input[1]].DataType);
            }
        }

        var head = model.Graph.Node.Single(n => n.Name == "head.dense");
        Assert.AreEqual("DynamicQuantizeMatMul", head.OpType);
        Assert.AreEqual("com.microsoft", head.Domain);
        CollectionAssert.AreEqual(new long[] { d * 6, 5 }, initializers[head.Input[1]].Dims.ToArray());
        Assert.IsFalse(initializers.ContainsKey("head.weight"), "the float head weight is not written beside the 8-bit one");

        using var session = new InferenceSession(bytes);
        using var reference = new InferenceSession(RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Layout = layout }));
        CollectionAssert.AreEquivalent(reference.InputMetadata.Keys.ToArray(), session.InputMetadata.Keys.ToArray(), "same interface as the float graph");
        CollectionAssert.AreEquivalent(reference.OutputMetadata.Keys.ToArray(), session.OutputMetadata.Keys.ToArray());
    }

    [TestMethod]
    public void FloatExportsCarryNoQuantizationAndOneOpset()
    {
        var model = ModelProto.Parser.ParseFrom(RnnOnnxExporter.ToBytes(RandomNetworks.Create(RnnCellType.Lstm, 1, false, seed: 32)));
        GraphRules.Check(model);
        Assert.AreEqual("", model.OpsetImport.Single().Domain);
        Assert.IsFalse(model.MetadataProps.Any(p => p.Key == RnnOnnxMetadata.Quantization));
        Assert.IsTrue(model.Graph.Node.All(n => n.Domain == ""));
    }

    [TestMethod]
    [DataRow(RnnCellType.Lstm)]
    [DataRow(RnnCellType.Gru)]
    public void TokenModelsKeepAFloatLookupAndScoreWithinTolerance(RnnCellType cell)
    {
        string[] vocabulary = ["the", "cat", "sat", "on", "mat"];
        var rng = new Random(33);
        var net = RandomNetworks.Create(cell, 2, true, seed: 33, inputSize: 4, hiddenSize: 8);
        foreach (var tokens in new[] { TokenLookup.OneHot(vocabulary), TokenLookup.Embedding(vocabulary, 4, RandomNetworks.Sequence(rng, vocabulary.Length + 1, 4)) })
        {
            var model = tokens.IsOneHot ? RandomNetworks.WithTokens(RandomNetworks.Create(cell, 2, true, seed: 33, inputSize: 6, hiddenSize: 8), tokens) : RandomNetworks.WithTokens(net, tokens);
            var quantized = RnnOnnxExporter.ToBytes(model, new OnnxExportOptions { Quantization = OnnxQuantization.DynamicInt8 });
            var graph = ModelProto.Parser.ParseFrom(quantized);
            Assert.IsTrue(graph.Graph.Node.Any(n => n.OpType == (tokens.IsOneHot ? "OneHot" : "Gather") && n.Domain == ""), "the lookup stays float");
            using var int8 = RnnOnnxScorer.FromBytes(quantized);
            using var single = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(model));
            foreach (var sentence in new[] { new[] { "the", "cat", "sat" }, new[] { "on", "the", "mat", "unknown", "cat" } })
            {
                var a = single.ScoreTokens(sentence).Probabilities;
                var b = int8.ScoreTokens(sentence).Probabilities;
                double diff = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
                TestContext.WriteLine($"{cell} {(tokens.IsOneHot ? "one-hot" : "embedding")} [{string.Join(' ', sentence)}]: max |int8 − float| = {diff:E2}");
                Assert.IsTrue(diff <= QuantizedScoreTests.ProbabilityTolerance, $"{diff:E3}");
            }
        }
    }

    [TestMethod]
    [DataRow(RnnCellType.Lstm, false)]
    [DataRow(RnnCellType.Lstm, true)]
    [DataRow(RnnCellType.Gru, true)]
    [DataRow(RnnCellType.Tanh, false)]
    public void ImportReadsDequantizedWeightsThatQuantizeToTheSameBytes(RnnCellType cell, bool bidirectional)
    {
        var net = RandomNetworks.Create(cell, 2, bidirectional, seed: 34, inputSize: 5, hiddenSize: 7);
        var options = new OnnxExportOptions { Quantization = OnnxQuantization.DynamicInt8, Metadata = { ["app.key"] = "kept" } };
        var bytes = RnnOnnxExporter.ToBytes(net, options);

        var (imported, metadata) = RnnOnnxImporter.Read(bytes, "int8.onnx");
        Assert.AreEqual("dynamic_int8", metadata[RnnOnnxMetadata.Quantization]);
        Assert.AreEqual("kept", metadata["app.key"]);
        // Dequantized weights lie within half a step (scale ÷ 2 = max |row| ÷ 254) of the originals.
        static void Near(ReadOnlyMemory<float> expected, ReadOnlyMemory<float> actual, int columns, string what)
        {
            var e = expected.Span;
            var a = actual.Span;
            for (int row = 0; row < e.Length / columns; row++)
            {
                float max = 0;
                for (int c = 0; c < columns; c++)
                    max = MathF.Max(max, MathF.Abs(e[row * columns + c]));
                for (int c = 0; c < columns; c++)
                    Assert.IsTrue(MathF.Abs(e[row * columns + c] - a[row * columns + c]) <= max / 254 * 1.0001f + 1e-7f, $"{what} row {row}");
            }
        }

        for (int layer = 0; layer < 2; layer++)
        {
            for (int dir = 0; dir < net.Directions; dir++)
            {
                var (expected, actual) = (net.Layers[layer][dir], imported.Layers[layer][dir]);
                int width = layer == 0 ? 5 : net.Directions * 7;
                if (cell == RnnCellType.Lstm)
                {
                    Near(expected.InputWeights, actual.InputWeights, width, $"layer {layer} W");
                    Near(expected.RecurrentWeights, actual.RecurrentWeights, 7, $"layer {layer} R");
                }
                else
                {
                    CollectionAssert.AreEqual(expected.InputWeights.ToArray(), actual.InputWeights.ToArray(), "a float layer reads back exactly");
                }

                CollectionAssert.AreEqual(expected.InputBias.ToArray(), actual.InputBias.ToArray(), "biases stay float");
            }
        }

        Near(net.Head.Weights, imported.Head.Weights, net.Head.Inputs, "head");
        // Quantizing the read-back weights again gives the same 8-bit values (and scales within a rounding).
        var again = ModelProto.Parser.ParseFrom(RnnOnnxExporter.ToBytes(imported, options));
        var first = ModelProto.Parser.ParseFrom(bytes);
        foreach (var tensor in first.Graph.Initializer)
        {
            var other = again.Graph.Initializer.Single(t => t.Name == tensor.Name);
            if (tensor.DataType == 3)
            {
                CollectionAssert.AreEqual(tensor.RawData.ToByteArray(), other.RawData.ToByteArray(), tensor.Name);
            }
            else if (tensor.DataType == 1)
            {
                var x = Floats(tensor);
                var y = Floats(other);
                for (int i = 0; i < x.Length; i++)
                    Assert.AreEqual(x[i], y[i], Math.Abs(x[i]) * 1e-6, $"{tensor.Name}[{i}]");
            }
        }
    }

    [TestMethod]
    public void ScorerOptionScoresAFloatFileThroughItsQuantizedForm()
    {
        var net = RandomNetworks.Create(RnnCellType.Lstm, 2, true, seed: 35, inputSize: 4, hiddenSize: 12, classes: 6);
        var single = RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Metadata = { ["app.key"] = "kept" } });
        var quantized = RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Quantization = OnnxQuantization.DynamicInt8 });
        var sequences = RandomNetworks.Sequences(36, net.InputSize, 5, 1, 8, 3);

        using var viaOption = RnnOnnxScorer.FromBytes(single, new RnnOnnxScorerOptions { Quantization = OnnxQuantization.DynamicInt8 });
        using var exported = RnnOnnxScorer.FromBytes(quantized);
        using var asWritten = RnnOnnxScorer.FromBytes(quantized, new RnnOnnxScorerOptions { Quantization = OnnxQuantization.DynamicInt8 });
        using var floats = RnnOnnxScorer.FromBytes(single);
        Assert.AreEqual(OnnxQuantization.DynamicInt8, viaOption.Quantization);
        Assert.AreEqual(OnnxQuantization.DynamicInt8, exported.Quantization, "an 8-bit file is scored as written with the default options");
        Assert.AreEqual(OnnxQuantization.None, floats.Quantization);
        Assert.AreEqual("kept", viaOption.Metadata["app.key"], "the file's own metadata is kept");

        var a = viaOption.ScoreBatch(sequences);
        var b = exported.ScoreBatch(sequences);
        var c = asWritten.ScoreBatch(sequences);
        for (int i = 0; i < sequences.Length; i++)
        {
            CollectionAssert.AreEqual(b[i].Probabilities, a[i].Probabilities, "the same 8-bit graph as exporting with DynamicInt8");
            CollectionAssert.AreEqual(b[i].Probabilities, c[i].Probabilities);
        }

        using var file = new TempFile(single);
        using var fromPath = new RnnOnnxScorer(file.Path, new RnnOnnxScorerOptions { Quantization = OnnxQuantization.DynamicInt8 });
        // One row alone, against the exported file's one row alone: activations are quantized with one scale per batch, so a row's
        // 8-bit scores depend (within the rounding) on the rows batched with it.
        CollectionAssert.AreEqual(exported.Score(sequences[0]).Probabilities, fromPath.Score(sequences[0]).Probabilities, "from a path");
    }

    [TestMethod]
    public void StreamsOfAQuantizedModelRunItsQuantizedLayers()
    {
        var net = RandomNetworks.Create(RnnCellType.Lstm, 2, false, seed: 37, inputSize: 4, hiddenSize: 12);
        using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net), new RnnOnnxScorerOptions { Quantization = OnnxQuantization.DynamicInt8 });
        using var floats = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));
        var sequence = RandomNetworks.Sequences(38, net.InputSize, 9)[0];
        var stream = scorer.OpenStream();
        var floatStream = floats.OpenStream();
        double fromWhole = 0, fromFloat = 0;
        for (int t = 0; t < 9; t += 3)
        {
            var running = stream.Push(sequence.AsSpan(t * 4, 12));
            var whole = scorer.Score(sequence.AsSpan(0, (t + 3) * 4));
            var single = floatStream.Push(sequence.AsSpan(t * 4, 12));
            fromWhole = Math.Max(fromWhole, running.Probabilities.Zip(whole.Probabilities, (x, y) => Math.Abs(x - y)).Max());
            fromFloat = Math.Max(fromFloat, running.Probabilities.Zip(single.Probabilities, (x, y) => Math.Abs(x - y)).Max());
        }

        // The 8-bit operators quantize each chunk's activations with a scale of their own, so chunks differ from one whole run by rounding.
        TestContext.WriteLine($"int8 stream vs int8 whole: {fromWhole:E2}; int8 stream vs float stream: {fromFloat:E2}");
        Assert.IsTrue(fromWhole <= QuantizedScoreTests.ProbabilityTolerance);
        Assert.IsTrue(fromFloat <= QuantizedScoreTests.ProbabilityTolerance);
        Assert.IsTrue(fromFloat > 0, "the stream runs the 8-bit graph, not the float one");
    }

    [TestMethod]
    public void UnknownQuantizationValuesAreRefused()
    {
        var net = RandomNetworks.Create(RnnCellType.Lstm, 1, false, seed: 39);
        var export = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Quantization = (OnnxQuantization)7 }));
        StringAssert.Contains(export.Message, "OnnxExportOptions.Quantization is 7");
        var score = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net), new RnnOnnxScorerOptions { Quantization = (OnnxQuantization)(-1) }));
        StringAssert.Contains(score.Message, "RnnOnnxScorerOptions.Quantization is -1");
    }

    [TestMethod]
    public void ReadersRefuseBrokenQuantizedFilesByName()
    {
        var net = RandomNetworks.Create(RnnCellType.Lstm, 1, false, seed: 40);
        var model = ModelProto.Parser.ParseFrom(RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Quantization = OnnxQuantization.DynamicInt8 }));
        model.Graph.Initializer.Single(t => t.Name == "layer0.W_zero_point").RawData = ByteString.CopyFrom(Enumerable.Repeat((byte)3, 20).ToArray());
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => RnnOnnxImporter.Read(model.ToByteArray(), "broken.onnx")).Message, "layer0.W_zero_point");

        var unknown = ModelProto.Parser.ParseFrom(RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Quantization = OnnxQuantization.DynamicInt8 }));
        unknown.MetadataProps.Single(p => p.Key == RnnOnnxMetadata.Quantization).Value = "int4";
        var error = Assert.ThrowsExactly<InvalidDataException>(() => RnnOnnxImporter.Read(unknown.ToByteArray(), "int4.onnx")).Message;
        StringAssert.Contains(error, "rnn.quantization");
        StringAssert.Contains(error, "dynamic_int8");
    }

    private static float[] Floats(TensorProto tensor) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
}
