using Rnn.Onnx.Protos;

namespace Rnn.Onnx.Tests.Support;

/// <summary>
/// The structural rules of the ONNX checker that an exported graph must meet, checked on the wire form: every node reads only
/// graph inputs, initializers and outputs of earlier nodes (topological order); value and node names are unique; every graph
/// output is produced; each initializer's bytes match its type and shape; every node's operator domain is imported.
/// </summary>
internal static class GraphRules
{
    private static readonly Dictionary<int, int> ElementBytes = new() { [1] = 4, [2] = 1, [3] = 1, [6] = 4, [7] = 8, [12] = 4 };

    public static void Check(ModelProto model)
    {
        var graph = model.Graph;
        var defined = new HashSet<string>(StringComparer.Ordinal);
        var nodeNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in graph.Input)
            Assert.IsTrue(defined.Add(input.Name), $"input '{input.Name}' defined twice");
        foreach (var tensor in graph.Initializer)
        {
            Assert.IsTrue(defined.Add(tensor.Name), $"initializer '{tensor.Name}' defined twice");
            long count = tensor.Dims.Aggregate(1L, (a, b) => a * b);
            if (tensor.DataType == 8)
                Assert.AreEqual(count, tensor.StringData.Count, tensor.Name);
            else
                Assert.AreEqual(count * ElementBytes[tensor.DataType], tensor.RawData.Length, $"initializer '{tensor.Name}' bytes");
        }

        var domains = model.OpsetImport.Select(o => o.Domain).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("", domains, "the default domain is imported");
        foreach (var node in graph.Node)
        {
            Assert.IsTrue(nodeNames.Add(node.Name), $"node '{node.Name}' named twice");
            Assert.Contains(node.Domain, domains, $"node '{node.Name}' uses domain '{node.Domain}', which the model does not import");
            foreach (var input in node.Input)
                Assert.IsTrue(input.Length == 0 || defined.Contains(input), $"node '{node.Name}' reads '{input}' before it is defined");
            foreach (var output in node.Output.Where(o => o.Length > 0))
                Assert.IsTrue(defined.Add(output), $"'{output}' produced twice");
        }

        foreach (var output in graph.Output)
            Assert.Contains(output.Name, defined, $"output '{output.Name}' is never produced");
    }
}
