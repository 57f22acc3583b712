using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Rnn.Onnx.Protos;

namespace Rnn.Onnx.Graph;

/// <summary>
/// Writes a small ONNX graph, one input, initializer, node and output at a time, and serializes it as a model in the
/// IR version and opset every model of this library uses (IR 8, default-domain opset 17, plus the operator domains imported
/// with <see cref="ImportOpset"/>, e.g. ONNX Runtime's <c>com.microsoft</c>). For preprocessing graphs that hosts such as
/// ML.NET's <c>ApplyOnnxModel</c> run; the exporter builds its networks with it too.
/// </summary>
/// <remarks>
/// Values must be defined before use: a node may read only graph inputs, initializers and outputs of earlier nodes,
/// and an output must be one of those, so a slip fails here rather than when a runtime loads the model. Every name
/// (values and nodes) may be claimed once. Not thread-safe.
/// </remarks>
public sealed class OnnxGraphBuilder
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly List<OperatorSetIdProto> _imports = [];
    private string _scope = "";

    /// <summary>Starts an empty graph called <paramref name="name"/>.</summary>
    public OnnxGraphBuilder(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Graph = new GraphProto { Name = name };
    }

    internal GraphProto Graph { get; }

    /// <summary>ONNX Runtime's contrib operator domain (its 8-bit kernels among them).</summary>
    internal const string MicrosoftDomain = "com.microsoft";

    /// <summary>
    /// True when the weights that ONNX Runtime has 8-bit kernels for are written as 8-bit integers
    /// (<see cref="OnnxQuantization.DynamicInt8"/>); the code that writes each layer asks. False writes every weight as float.
    /// </summary>
    internal bool QuantizeWeights { get; init; }

    /// <summary>Imports <see cref="MicrosoftDomain"/> at opset 1 unless it is already imported.</summary>
    internal void UseMicrosoftDomain()
    {
        if (!_imports.Any(i => i.Domain == MicrosoftDomain))
            ImportOpset(MicrosoftDomain, 1);
    }

    /// <summary>Declares a graph input; returns <paramref name="name"/> for use as a node input.</summary>
    public string Input(string name, OnnxElementType elementType, params OnnxDim[] dims)
    {
        var input = ValueInfo(name, elementType, dims);
        Define(name);
        Graph.Input.Add(input);
        return name;
    }

    /// <summary>Declares a graph output; <paramref name="name"/> must be an input, an initializer or a node's output.</summary>
    public void Output(string name, OnnxElementType elementType, params OnnxDim[] dims)
    {
        if (!_values.Contains(name))
            throw new InvalidOperationException($"Graph output '{name}' is not produced by any node, initializer or input of graph '{Graph.Name}'.");
        Graph.Output.Add(ValueInfo(name, elementType, dims));
    }

    /// <summary>
    /// Prefixes every node, initializer and node output defined until the returned scope is disposed with
    /// <paramref name="prefix"/>, so the same builder code can add a second copy of a subgraph (ensemble members). Inside a
    /// scope a node input names a value of the scope when there is one, else a value defined outside it (graph inputs, shared
    /// preprocessing). The names returned are the prefixed ones. Scopes do not nest.
    /// </summary>
    internal IDisposable Scope(string prefix)
    {
        if (_scope.Length > 0)
            throw new InvalidOperationException($"Graph '{Graph.Name}' is already in scope '{_scope}'.");
        _scope = prefix;
        return new ScopeEnd(this);
    }

    /// <summary>A float constant of shape <paramref name="dims"/> (empty for a scalar); returns its name.</summary>
    /// <exception cref="ArgumentException">The number of values is not the product of <paramref name="dims"/>.</exception>
    public string Initializer(string name, long[] dims, ReadOnlySpan<float> values)
    {
        var tensor = NewTensor(_scope + name, dims, OnnxElementType.Float, values.Length);
        var bytes = new byte[values.Length * sizeof(float)];
        // raw_data is little-endian by definition, whatever the host's byte order.
        if (BitConverter.IsLittleEndian)
            MemoryMarshal.AsBytes(values).CopyTo(bytes);
        else
            for (int i = 0; i < values.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        tensor.RawData = ByteString.CopyFrom(bytes);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A signed 8-bit constant of shape <paramref name="dims"/> (empty for a scalar), e.g. quantized weights; returns its name.</summary>
    /// <exception cref="ArgumentException">The number of values is not the product of <paramref name="dims"/>.</exception>
    public string Int8Initializer(string name, long[] dims, ReadOnlySpan<sbyte> values)
    {
        var tensor = NewTensor(_scope + name, dims, OnnxElementType.Int8, values.Length);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>
    /// Declares that the graph uses operators of <paramref name="domain"/> (e.g. <c>com.microsoft</c>, ONNX Runtime's
    /// contrib operators) at opset <paramref name="version"/>; written to the model's opset imports after the default
    /// domain's. Needed before the first <see cref="Node(string, string, string, string[], string[], OnnxAttribute[])"/>
    /// of that domain.
    /// </summary>
    /// <exception cref="ArgumentException">The domain is empty or the default ONNX domain (always imported at opset 17), or the version is below 1.</exception>
    /// <exception cref="InvalidOperationException">The domain is already imported.</exception>
    public void ImportOpset(string domain, long version)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        if (IsDefaultDomain(domain))
            throw new ArgumentException($"'{domain}' is the default ONNX domain, which every model of this builder imports at opset {OnnxVersions.OpsetVersion}.", nameof(domain));
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (_imports.Any(i => i.Domain == domain))
            throw new InvalidOperationException($"Graph '{Graph.Name}' already imports domain '{domain}'.");
        _imports.Add(new OperatorSetIdProto { Domain = domain, Version = version });
    }

    /// <summary>A 1-D int64 constant, e.g. the target shape of a Reshape or the indices of a Gather; returns its name.</summary>
    public string Int64Initializer(string name, params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Int64Tensor(name, [values.Length], values);
    }

    /// <summary>A 0-D int64 constant, for operators that take scalars (e.g. Range).</summary>
    internal string Int64Scalar(string name, long value) => Int64Tensor(name, [], [value]);

    /// <summary>A 1-D string constant, e.g. the class names a prediction is looked up in.</summary>
    internal string StringInitializer(string name, IReadOnlyList<string> values)
    {
        var tensor = NewTensor(_scope + name, [values.Count], OnnxElementType.String, values.Count);
        foreach (var value in values)
            tensor.StringData.Add(ByteString.CopyFromUtf8(value));
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>
    /// Adds a node running operator <paramref name="opType"/> of the default ONNX domain. An empty string in
    /// <paramref name="inputs"/> or <paramref name="outputs"/> leaves that optional input unset or output unproduced.
    /// Returns the first non-empty output name.
    /// </summary>
    /// <exception cref="InvalidOperationException">An input is not defined yet, or a name is taken.</exception>
    public string Node(string opType, string name, string[] inputs, string[] outputs, params OnnxAttribute[] attributes) =>
        Node("", opType, name, inputs, outputs, attributes);

    /// <summary>
    /// Adds a node running operator <paramref name="opType"/> of operator domain <paramref name="domain"/> ("" for the
    /// default ONNX domain; any other must be imported first with <see cref="ImportOpset"/>). Otherwise as
    /// <see cref="Node(string, string, string[], string[], OnnxAttribute[])"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The domain is not imported, an input is not defined yet, or a name is taken.</exception>
    public string Node(string domain, string opType, string name, string[] inputs, string[] outputs, params OnnxAttribute[] attributes)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentException.ThrowIfNullOrEmpty(opType);
        if (!IsDefaultDomain(domain) && !_imports.Any(i => i.Domain == domain))
            throw new InvalidOperationException(
                $"Node '{name}' ({opType}) is of domain '{domain}', which graph '{Graph.Name}' does not import; call ImportOpset first.");
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(attributes);
        if (inputs.Contains(null!) || outputs.Contains(null!) || attributes.Contains(null!))
            throw new ArgumentException($"Node '{name}' ({opType}) has a null input, output or attribute; use \"\" to skip an optional one.");
        if (_scope.Length > 0)
        {
            name = _scope + name;
            inputs = [.. inputs.Select(i => i.Length > 0 && _values.Contains(_scope + i) ? _scope + i : i)];
            outputs = [.. outputs.Select(o => o.Length > 0 ? _scope + o : o)];
        }

        foreach (var input in inputs)
        {
            if (input.Length > 0 && !_values.Contains(input))
                throw new InvalidOperationException(
                    $"Node '{name}' ({opType}) reads '{input}', which is not an input, an initializer or an earlier node's output of graph '{Graph.Name}'.");
        }

        var produced = outputs.Where(o => o.Length > 0).ToArray();
        if (produced.Length == 0)
            throw new ArgumentException($"Node '{name}' ({opType}) produces no output; name at least one.", nameof(outputs));
        RequireFree([name, .. produced]);
        _names.Add(name);
        foreach (var output in produced)
            Define(output);

        var node = new NodeProto { OpType = opType, Name = name };
        // The default domain is written as "" (as every model of this library so far), whichever spelling was passed.
        if (!IsDefaultDomain(domain))
            node.Domain = domain;
        node.Input.Add(inputs);
        node.Output.Add(outputs);
        foreach (var attribute in attributes)
            node.Attribute.Add(attribute.Proto);
        Graph.Node.Add(node);
        return produced[0];
    }

    /// <summary>Serializes the graph as a complete ONNX model.</summary>
    /// <param name="producerName">Written as the model's producer name.</param>
    /// <param name="docString">Written as the model's description.</param>
    public byte[] ToModelBytes(string producerName, string docString = "") => ToModel(producerName, docString).ToByteArray();

    internal ModelProto ToModel(string producerName, string docString)
    {
        ArgumentNullException.ThrowIfNull(producerName);
        ArgumentNullException.ThrowIfNull(docString);
        var model = new ModelProto
        {
            IrVersion = OnnxVersions.IrVersion,
            ProducerName = producerName,
            DocString = docString,
            Graph = Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxVersions.OpsetVersion });
        foreach (var import in _imports)
            model.OpsetImport.Add(import.Clone());
        return model;
    }

    private string Int64Tensor(string name, long[] dims, long[] values)
    {
        var tensor = NewTensor(_scope + name, dims, OnnxElementType.Int64, values.Length);
        var bytes = new byte[values.Length * sizeof(long)];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
        tensor.RawData = ByteString.CopyFrom(bytes);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    private static bool IsDefaultDomain(string domain) => domain is "" or "ai.onnx";

    private sealed class ScopeEnd(OnnxGraphBuilder graph) : IDisposable
    {
        public void Dispose() => graph._scope = "";
    }

    private TensorProto NewTensor(string name, long[] dims, OnnxElementType type, int count)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Any(d => d < 0) || dims.Aggregate(1L, (a, b) => a * b) != count)
            throw new ArgumentException($"Initializer '{name}' has {count} values for shape [{string.Join(",", dims)}]; expected the product of the dimensions.", nameof(dims));
        var tensor = new TensorProto { Name = Define(name), DataType = (int)type };
        tensor.Dims.Add(dims);
        return tensor;
    }

    private static ValueInfoProto ValueInfo(string name, OnnxElementType elementType, OnnxDim[] dims)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(dims);
        if (!Enum.IsDefined(elementType))
            throw new ArgumentOutOfRangeException(nameof(elementType), elementType, "Not an element type this builder writes.");
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
            shape.Dim.Add(dim.Name is null
                ? new TensorShapeProto.Types.Dimension { DimValue = dim.Size }
                : new TensorShapeProto.Types.Dimension { DimParam = dim.Name });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = shape } },
        };
    }

    private string Define(string name)
    {
        RequireFree(name);
        _names.Add(name);
        _values.Add(name);
        return name;
    }

    // Node names and value names must be unique in a graph; catch slips before anything is added.
    private void RequireFree(params string[] names)
    {
        for (int i = 0; i < names.Length; i++)
        {
            if (string.IsNullOrEmpty(names[i]))
                throw new ArgumentException($"A name in graph '{Graph.Name}' is null or empty; every input, initializer, node and produced output needs one.");
            if (_names.Contains(names[i]) || Array.IndexOf(names, names[i], 0, i) >= 0)
                throw new InvalidOperationException($"Duplicate graph name '{names[i]}' in graph '{Graph.Name}'.");
        }
    }
}
