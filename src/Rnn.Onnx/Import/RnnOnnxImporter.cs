using System.Buffers.Binary;
using Google.Protobuf;
using Rnn.Onnx.Export;
using Rnn.Onnx.Graph;
using Rnn.Onnx.Metadata;
using Rnn.Onnx.Protos;

namespace Rnn.Onnx;

/// <summary>
/// Reads a model written by <see cref="RnnOnnxExporter"/> (any layout) back into a
/// <see cref="RecurrentNetworkDescription"/>, so an exported file can be re-exported, inspected or retrained from. A file
/// written with <see cref="OnnxQuantization.DynamicInt8"/> reads back with its 8-bit weights dequantized (each times its
/// scale); quantizing those again gives the same 8-bit values. Its metadata says it was quantized (<see cref="RnnOnnxMetadata.Quantization"/>).
/// </summary>
public static partial class RnnOnnxImporter
{
    /// <summary>Reads the description and the model's metadata from ONNX bytes.</summary>
    /// <param name="model">The ONNX model bytes.</param>
    /// <param name="source">Names the model in error messages (a path, say).</param>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model written by <see cref="RnnOnnxExporter"/>.</exception>
    public static (RecurrentNetworkDescription Network, IReadOnlyDictionary<string, string> Metadata) Read(byte[] model, string source = "the ONNX model")
    {
        var (info, metadata, initializers) = Parse(model, source);
        return (ReadNetwork(info, metadata, initializers, source), metadata);
    }

    private static (RnnModelInfo Info, Dictionary<string, string> Metadata, Dictionary<string, TensorProto> Initializers) Parse(byte[] model, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(model);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{source} is not a readable ONNX model: {e.Message}", e);
        }

        var metadata = proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var info = MetadataReader.Read(metadata, source);
        if (proto.Graph is null)
            throw new InvalidDataException($"{source} has no graph.");
        return (info, metadata, proto.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal));
    }

    /// <param name="info">The parsed standard metadata.</param>
    /// <param name="metadata">All metadata.</param>
    /// <param name="initializers">The graph's initializers by name.</param>
    /// <param name="source">Names the model in messages.</param>
    /// <param name="prefix">Prefix of this network's initializer names (an ensemble member's scope), or empty.</param>
    private static RecurrentNetworkDescription ReadNetwork(
        RnnModelInfo info, Dictionary<string, string> metadata, Dictionary<string, TensorProto> initializers, string source, string prefix = "")
    {
        int h = info.HiddenSize;
        int d = info.Bidirectional ? 2 : 1;
        int rows = info.Cell.GateCount() * h;
        var layers = new List<IReadOnlyList<RecurrentDirectionWeights>>();
        for (int layer = 0; layer < info.NumLayers; layer++)
        {
            int width = layer == 0 ? info.InputSize : d * h;
            bool quantized = info.Quantization == OnnxQuantization.DynamicInt8 && info.Cell == RnnCellType.Lstm;
            var w = quantized ? Dequantized(initializers, $"{prefix}layer{layer}.W", d, rows, width, source) : Floats(initializers, $"{prefix}layer{layer}.W", d * rows * width, source);
            var r = quantized ? Dequantized(initializers, $"{prefix}layer{layer}.R", d, rows, h, source) : Floats(initializers, $"{prefix}layer{layer}.R", d * rows * h, source);
            var b = Floats(initializers, $"{prefix}layer{layer}.B", d * 2 * rows, source);
            var directions = new List<RecurrentDirectionWeights>();
            for (int dir = 0; dir < d; dir++)
            {
                directions.Add(new RecurrentDirectionWeights(
                    Restore(info.Cell, h, width, w.AsSpan(dir * rows * width, rows * width)),
                    Restore(info.Cell, h, h, r.AsSpan(dir * rows * h, rows * h)),
                    Restore(info.Cell, h, 1, b.AsSpan(dir * 2 * rows, rows)),
                    Restore(info.Cell, h, 1, b.AsSpan(dir * 2 * rows + rows, rows))));
            }

            layers.Add(directions);
        }

        int outputs = info.Outputs;
        var head = new DenseLayerWeights(outputs, d * h,
            info.Quantization == OnnxQuantization.DynamicInt8
                ? Dequantized(initializers, $"{prefix}{QuantizedNames.HeadWeight}", 1, outputs, d * h, source)
                : Floats(initializers, $"{prefix}head.weight", outputs * d * h, source),
            Floats(initializers, $"{prefix}head.bias", outputs, source));
        TokenLookup? tokens = null;
        if (info.UsesTokens)
        {
            var vocabulary = info.Vocabulary ?? throw new InvalidDataException($"{source} reads tokens but has no '{RnnOnnxMetadata.Vocabulary}' metadata.");
            int rowCount = vocabulary.Count + 1;
            tokens = info.InputKind == "one_hot"
                ? TokenLookup.OneHot(vocabulary)
                : TokenLookup.Embedding(vocabulary, info.InputSize, Floats(initializers, "input.embedding", rowCount * info.InputSize, source));
        }

        try
        {
            var regression = info.TargetNames is { } targets
                ? new RegressionTargets(targets,
                    Floats(initializers, prefix + RnnOnnxNames.TargetMeanInitializer, outputs, source),
                    Floats(initializers, prefix + RnnOnnxNames.TargetScaleInitializer, outputs, source))
                : null;
            var skip = info.SkipPositions is { } positions
                ? new LinearSkip(positions, new DenseLayerWeights(outputs, positions.Count,
                    Floats(initializers, prefix + RnnOnnxNames.SkipWeightInitializer, outputs * positions.Count, source),
                    Floats(initializers, prefix + RnnOnnxNames.SkipBiasInitializer, outputs, source)))
                : null;
            return new RecurrentNetworkDescription(
                info.Cell, info.InputSize, h, info.Bidirectional, layers, head, info.ClassNames, tokens, info.Head.ReadsEveryStep, info.Pooling, regression, skip);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source} does not describe a consistent network: {e.Message}", e);
        }
    }

    private static float[] Restore(RnnCellType cell, int hiddenSize, int columns, ReadOnlySpan<float> onnxOrder)
    {
        var pytorchOrder = new float[onnxOrder.Length];
        GateOrder.Restore(cell, hiddenSize, columns, onnxOrder, pytorchOrder);
        return pytorchOrder;
    }

    /// <summary>
    /// The float weights [<paramref name="d"/>, <paramref name="rows"/>, <paramref name="columns"/>] of an 8-bit weight
    /// written for <paramref name="name"/>: [d, columns, rows] int8 values, [d, rows] scales and zero points (all zero).
    /// </summary>
    private static float[] Dequantized(Dictionary<string, TensorProto> initializers, string name, int d, int rows, int columns, string source)
    {
        var names = QuantizedNames.Of(name);
        var quantized = Int8s(initializers, names.Weight, d * rows * columns, source);
        var scales = Floats(initializers, names.Scale, d * rows, source);
        if (Int8s(initializers, names.ZeroPoint, d * rows, source).Any(z => z != 0))
            throw new InvalidDataException($"{source}: initializer '{names.ZeroPoint}' holds a non-zero zero point; Rnn.Onnx writes symmetric 8-bit weights only.");
        if (scales.Any(s => !(s > 0) || float.IsInfinity(s)))
            throw new InvalidDataException($"{source}: initializer '{names.Scale}' holds a scale that is not a positive finite number.");
        var weights = new float[d * rows * columns];
        for (int dir = 0; dir < d; dir++)
        {
            int block = rows * columns;
            Int8Weights.DequantizeRows(quantized.AsSpan(dir * block, block), scales.AsSpan(dir * rows, rows), rows, columns, weights.AsSpan(dir * block, block));
        }

        return weights;
    }

    private static sbyte[] Int8s(Dictionary<string, TensorProto> initializers, string name, int expected, string source)
    {
        if (!initializers.TryGetValue(name, out var tensor))
            throw new InvalidDataException($"{source} has no initializer '{name}'.");
        if (tensor.DataType != (int)OnnxElementType.Int8 || tensor.RawData.Length != expected)
            throw new InvalidDataException(
                $"{source}: initializer '{name}' holds {tensor.RawData.Length} bytes of type {tensor.DataType}; expected {expected} int8 values.");
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(tensor.RawData.Span).ToArray();
    }

    private static float[] Floats(Dictionary<string, TensorProto> initializers, string name, int expected, string source)
    {
        if (!initializers.TryGetValue(name, out var tensor))
            throw new InvalidDataException($"{source} has no initializer '{name}'.");
        if (tensor.DataType != (int)OnnxElementType.Float || tensor.RawData.Length != expected * sizeof(float))
            throw new InvalidDataException(
                $"{source}: initializer '{name}' holds {tensor.RawData.Length} bytes of type {tensor.DataType}; expected {expected} float32 values.");
        var values = new float[expected];
        var bytes = tensor.RawData.Span;
        for (int i = 0; i < expected; i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * sizeof(float)));
        return values;
    }
}
