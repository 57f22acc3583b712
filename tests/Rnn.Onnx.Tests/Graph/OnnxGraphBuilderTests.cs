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
}
