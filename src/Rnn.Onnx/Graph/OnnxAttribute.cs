using Google.Protobuf;
using Rnn.Onnx.Protos;

namespace Rnn.Onnx.Graph;

/// <summary>A node attribute (an operator's setting, e.g. <c>axis</c> or <c>perm</c>) for <see cref="OnnxGraphBuilder.Node(string, string, string[], string[], OnnxAttribute[])"/>.</summary>
public sealed class OnnxAttribute
{
    private OnnxAttribute(string name, AttributeType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Proto = new AttributeProto { Name = name, Type = type };
    }

    /// <summary>The attribute's name.</summary>
    public string Name => Proto.Name;

    // Never handed out, so never changed after the factory: one attribute may go on several nodes.
    internal AttributeProto Proto { get; }

    /// <summary>An integer attribute.</summary>
    public static OnnxAttribute Int(string name, long value)
    {
        var attribute = new OnnxAttribute(name, AttributeType.Int);
        attribute.Proto.I = value;
        return attribute;
    }

    /// <summary>An integer-list attribute.</summary>
    public static OnnxAttribute Ints(string name, params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var attribute = new OnnxAttribute(name, AttributeType.Ints);
        attribute.Proto.Ints.Add(values);
        return attribute;
    }

    /// <summary>A string attribute (written as UTF-8).</summary>
    public static OnnxAttribute String(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var attribute = new OnnxAttribute(name, AttributeType.String);
        attribute.Proto.S = ByteString.CopyFromUtf8(value);
        return attribute;
    }

    /// <summary>A string-list attribute (each written as UTF-8).</summary>
    public static OnnxAttribute Strings(string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var attribute = new OnnxAttribute(name, AttributeType.Strings);
        foreach (var value in values)
            attribute.Proto.Strings.Add(ByteString.CopyFromUtf8(value ?? throw new ArgumentException($"Attribute '{name}' has a null string.", nameof(values))));
        return attribute;
    }
}
