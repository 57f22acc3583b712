using Google.Protobuf;
using Rnn.Onnx.Protos;

namespace Rnn.Onnx.Graph;

/// <summary>Factories for node attributes; each sets the type tag ONNX Runtime checks.</summary>
internal static class OnnxAttributes
{
    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeType.Int, I = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeType.Ints };
        a.Ints.Add(values);
        return a;
    }

    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Strings(string name, IEnumerable<string> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeType.Strings };
        a.Strings.Add(values.Select(ByteString.CopyFromUtf8));
        return a;
    }
}
