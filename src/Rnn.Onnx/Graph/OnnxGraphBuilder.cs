using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Rnn.Onnx.Protos;

namespace Rnn.Onnx.Graph;

/// <summary>Appends inputs, outputs, initializers and nodes to a <see cref="GraphProto"/>.</summary>
internal sealed class OnnxGraphBuilder
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string name) => Graph = new GraphProto { Name = name };

    public GraphProto Graph { get; }

    public string Input(string name, int elementType, params OnnxDim[] dims)
    {
        Graph.Input.Add(ValueInfo(Claim(name), elementType, dims));
        return name;
    }

    /// <summary>Declares a graph output; <paramref name="name"/> must be produced by some node.</summary>
    public void Output(string name, int elementType, params OnnxDim[] dims) =>
        Graph.Output.Add(ValueInfo(name, elementType, dims));

    public string Initializer(string name, long[] dims, ReadOnlySpan<float> values)
    {
        var tensor = NewTensor(Claim(name), dims, OnnxDataType.Float, values.Length);
        var bytes = new byte[values.Length * sizeof(float)];
        // raw_data is little-endian by definition, whatever the host's byte order.
        if (BitConverter.IsLittleEndian)
            MemoryMarshal.AsBytes(values).CopyTo(bytes);
        else
            for (int i = 0; i < values.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        tensor.RawData = ByteString.CopyFrom(bytes);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>An int64 constant, e.g. the target shape of a Reshape.</summary>
    public string Int64Initializer(string name, params long[] values) => Int64Tensor(name, [values.Length], values);

    /// <summary>A 0-D int64 constant, for operators that take scalars (e.g. Range).</summary>
    public string Int64Scalar(string name, long value) => Int64Tensor(name, [], [value]);

    private string Int64Tensor(string name, long[] dims, long[] values)
    {
        var tensor = NewTensor(Claim(name), dims, OnnxDataType.Int64, values.Length);
        var bytes = new byte[values.Length * sizeof(long)];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
        tensor.RawData = ByteString.CopyFrom(bytes);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A 1-D string constant, e.g. the class names a prediction is looked up in.</summary>
    public string StringInitializer(string name, IReadOnlyList<string> values)
    {
        var tensor = NewTensor(Claim(name), [values.Count], OnnxDataType.String, values.Count);
        foreach (var value in values)
            tensor.StringData.Add(ByteString.CopyFromUtf8(value));
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>
    /// Adds a node. An empty string in <paramref name="outputs"/> leaves that optional output
    /// unproduced. Returns the first non-empty output name.
    /// </summary>
    public string Node(string opType, string name, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Claim(name) };
        node.Input.Add(inputs);
        foreach (var output in outputs)
            node.Output.Add(output.Length == 0 ? output : Claim(output));
        node.Attribute.Add(attributes);
        Graph.Node.Add(node);
        return outputs.First(o => o.Length > 0);
    }

    private static TensorProto NewTensor(string name, long[] dims, int dataType, int count)
    {
        if (dims.Aggregate(1L, (a, b) => a * b) != count)
            throw new InvalidOperationException($"Initializer '{name}' has {count} values for shape [{string.Join(",", dims)}].");
        var tensor = new TensorProto { Name = name, DataType = dataType };
        tensor.Dims.Add(dims);
        return tensor;
    }

    private static ValueInfoProto ValueInfo(string name, int elementType, OnnxDim[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
            shape.Dim.Add(dim.Name is null
                ? new TensorShapeProto.Types.Dimension { DimValue = dim.Size }
                : new TensorShapeProto.Types.Dimension { DimParam = dim.Name });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } },
        };
    }

    // Node names and value names must be unique in a graph; catch slips while building.
    private string Claim(string name) =>
        _names.Add(name) ? name : throw new InvalidOperationException($"Duplicate graph name '{name}'.");
}
