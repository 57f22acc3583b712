using Microsoft.ML.OnnxRuntime;
using Rnn.Onnx.Graph;
using Rnn.Onnx.Protos;

namespace Rnn.Onnx.Tests;

/// <summary>The public graph-writing API: what it writes runs in ONNX Runtime, and slips fail while building.</summary>
[TestClass]
public sealed class OnnxGraphBuilderTests
{
    [TestMethod]
    public void WrittenGraphRunsInOnnxRuntime()
    {
        // bytes [1, n] → float → reversed by Gather → [n/2, 2] → × 0.5
        var b = new OnnxGraphBuilder("reverse_and_halve");
        var x = b.Input("pixels", OnnxElementType.UInt8, 1, "n");
        var floats = b.Node("Cast", "cast", [x], ["floats"], OnnxAttribute.Int("to", (long)OnnxElementType.Float));
        var flat = b.Node("Reshape", "flatten", [floats, b.Int64Initializer("flat", -1)], ["flat_values"]);
        var reversed = b.Node("Gather", "reverse", [flat, b.Int64Initializer("order", 3, 2, 1, 0)], ["reversed"], OnnxAttribute.Int("axis", 0));
        var pairs = b.Node("Reshape", "to_pairs", [reversed, b.Int64Initializer("pairs_shape", 2, 2)], ["pairs"]);
        var swapped = b.Node("Transpose", "swap", [pairs], ["swapped"], OnnxAttribute.Ints("perm", 1, 0));
        b.Node("Mul", "halve", [swapped, b.Initializer("half", [], [0.5f])], ["halved"]);
        b.Output("halved", OnnxElementType.Float, 2, 2);
        var bytes = b.ToModelBytes("tests", "reverses and halves four pixels");

        var model = ModelProto.Parser.ParseFrom(bytes);
        Assert.AreEqual(RnnOnnxExporter.IrVersion, model.IrVersion);
        Assert.AreEqual(RnnOnnxExporter.OpsetVersion, model.OpsetImport.Single().Version);
        Assert.AreEqual("tests", model.ProducerName);
        Assert.AreEqual("reverses and halves four pixels", model.DocString);

        using var session = new InferenceSession(bytes);
        using var runOptions = new RunOptions();
        using var input = OrtValue.CreateTensorValueFromMemory<byte>([2, 4, 6, 8], [1, 4]);
        using var outputs = session.Run(runOptions, ["pixels"], [input], ["halved"]);
        // reversed 8,6,4,2 → [[8,6],[4,2]] → transposed [[8,4],[6,2]] → halved
        CollectionAssert.AreEqual(new[] { 4f, 2f, 3f, 1f }, outputs[0].GetTensorDataAsSpan<float>().ToArray());
        CollectionAssert.AreEqual(new long[] { 2, 2 }, outputs[0].GetTensorTypeAndShape().Shape);
    }

    [TestMethod]
    public void ReadingAnUndefinedValueIsRefusedWhileBuilding()
    {
        var b = new OnnxGraphBuilder("g");
        b.Input("x", OnnxElementType.Float, 3);
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => b.Node("Add", "add", ["x", "y"], ["sum"]));
        StringAssert.Contains(ex.Message, "'y'");
        StringAssert.Contains(ex.Message, "Node 'add'");
        // An empty name skips an optional input.
        b.Node("Clip", "clip", ["x", "", ""], ["clipped"]);
    }

    [TestMethod]
    public void AnOutputMustBeProduced()
    {
        var b = new OnnxGraphBuilder("g");
        b.Input("x", OnnxElementType.Float, 3);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => b.Output("y", OnnxElementType.Float, 3)).Message, "'y'");
        b.Output("x", OnnxElementType.Float, 3);
    }

    [TestMethod]
    public void NamesAreClaimedOnceAndAFailedCallClaimsNone()
    {
        var b = new OnnxGraphBuilder("g");
        b.Input("x", OnnxElementType.Float, 3);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => b.Input("x", OnnxElementType.Float, 3)).Message, "Duplicate graph name 'x'");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => b.Node("Relu", "relu", ["x"], ["x"])).Message, "'x'");
        // The node name "relu" was not taken by the failed call.
        Assert.AreEqual("y", b.Node("Relu", "relu", ["x"], ["y"]));
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => b.Node("Relu", "relu", ["y"], ["z"])).Message, "'relu'");
    }

    [TestMethod]
    public void BadShapesAndArgumentsAreRefused()
    {
        var b = new OnnxGraphBuilder("g");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => b.Initializer("w", [2, 3], new float[5])).Message, "5 values for shape [2,3]");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => OnnxDim.Fixed(-1));
        Assert.ThrowsExactly<ArgumentException>(() => OnnxDim.Named(""));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => b.Input("x", (OnnxElementType)99, 1));
        b.Input("x", OnnxElementType.Float, 1);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => b.Node("Relu", "relu", ["x"], [""])).Message, "produces no output");
        Assert.ThrowsExactly<ArgumentException>(() => b.Node("Relu", "relu", ["x"], ["y"], [null!]));
        Assert.ThrowsExactly<ArgumentException>(() => OnnxAttribute.Int("", 1));
    }

    [TestMethod]
    public void ContribDomainNodesAndInt8InitializersRunInOnnxRuntime()
    {
        // y = x · dequantize(B) + bias through ONNX Runtime's DynamicQuantizeMatMul (com.microsoft), B int8 [2, 3] with per-column scales.
        var b = new OnnxGraphBuilder("int8_matmul");
        var x = b.Input("x", OnnxElementType.Float, "n", 2);
        sbyte[] weights = [127, -64, 0, 1, 127, -127];
        var weight = b.Int8Initializer("b", [2, 3], weights);
        var scale = b.Initializer("b_scale", [3], [0.5f, 0.25f, 1f]);
        var zero = b.Int8Initializer("b_zero", [3], new sbyte[3]);
        var bias = b.Initializer("bias", [3], [1f, 2f, 3f]);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() =>
            b.Node("com.microsoft", "DynamicQuantizeMatMul", "mm", [x, weight, scale, zero, bias], ["y"])).Message, "ImportOpset");
        b.ImportOpset("com.microsoft", 1);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => b.ImportOpset("com.microsoft", 1)).Message, "already imports");
        Assert.ThrowsExactly<ArgumentException>(() => b.ImportOpset("ai.onnx", 18));
        Assert.ThrowsExactly<ArgumentException>(() => b.ImportOpset("", 18));
        b.Node("com.microsoft", "DynamicQuantizeMatMul", "mm", [x, weight, scale, zero, bias], ["y"]);
        b.Output("y", OnnxElementType.Float, "n", 3);
        var bytes = b.ToModelBytes("tests");

        var model = ModelProto.Parser.ParseFrom(bytes);
        CollectionAssert.AreEqual(new[] { ("", 17L), ("com.microsoft", 1L) }, model.OpsetImport.Select(o => (o.Domain, o.Version)).ToArray());
        Assert.AreEqual("com.microsoft", model.Graph.Node.Single().Domain);
        var tensor = model.Graph.Initializer.Single(t => t.Name == "b");
        Assert.AreEqual((int)OnnxElementType.Int8, tensor.DataType);
        CollectionAssert.AreEqual(weights.Select(w => (byte)w).ToArray(), tensor.RawData.ToByteArray());

        using var session = new InferenceSession(bytes);
        using var runOptions = new RunOptions();
        using var input = OrtValue.CreateTensorValueFromMemory<float>([1f, 0f, 0f, 1f], [2, 2]);
        using var outputs = session.Run(runOptions, ["x"], [input], ["y"]);
        // Rows of x pick the rows of B: [127·0.5, −64·0.25, 0] + bias and [1·0.5, 127·0.25, −127] + bias.
        var y = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        float[] expected = [64.5f, -14f, 3f, 1.5f, 33.75f, -124f];
        for (int i = 0; i < y.Length; i++)
            Assert.AreEqual(expected[i], y[i], 0.02f * Math.Max(1, Math.Abs(expected[i])), $"y[{i}]");
    }
}
