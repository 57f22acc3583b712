using Google.Protobuf;
using Rnn.Onnx.Export;
using Rnn.Onnx.Graph;
using Rnn.Onnx.Heads;
using Rnn.Onnx.Metadata;
using Rnn.Onnx.Protos;

namespace Rnn.Onnx;

/// <summary>
/// Writes a <see cref="RecurrentNetworkDescription"/> as an ONNX model (IR version 8, opset 17):
/// one ONNX LSTM/GRU/RNN node per layer, a dense head and a softmax (a regressor: the head's output scaled back to
/// the targets' units), with the architecture and class or target names in the model metadata (see <see cref="RnnOnnxMetadata"/>).
/// With <see cref="OnnxExportOptions.Quantization"/> the LSTM layers and the head are 8-bit ONNX Runtime operators instead.
/// </summary>
public static class RnnOnnxExporter
{
    /// <summary>IR version written; IR 8 with opset 17 loads on every ONNX Runtime since 1.10.</summary>
    public const int IrVersion = OnnxVersions.IrVersion;

    /// <summary>Default-domain opset written.</summary>
    public const int OpsetVersion = OnnxVersions.OpsetVersion;

    /// <summary>Serializes the network as ONNX model bytes.</summary>
    /// <exception cref="ArgumentException">A weight is NaN or infinite, extra metadata uses a reserved key, FixedSteps is set for the batched layout, or Quantization is not a known value.</exception>
    public static byte[] ToBytes(RecurrentNetworkDescription network, OnnxExportOptions? options = null) =>
        BuildModel(network, options).ToByteArray();

    /// <summary>Writes the ONNX model to <paramref name="stream"/> (left open).</summary>
    public static void Write(RecurrentNetworkDescription network, Stream stream, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var model = BuildModel(network, options);
        model.WriteTo(stream);
        stream.Flush();
    }

    /// <summary>Writes the ONNX model to the file at <paramref name="path"/>, replacing it.</summary>
    public static void Write(RecurrentNetworkDescription network, string path, OnnxExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Build first so a failed export leaves no half-written file behind.
        var bytes = ToBytes(network, options);
        File.WriteAllBytes(path, bytes);
    }

    internal static ModelProto BuildModel(RecurrentNetworkDescription network, OnnxExportOptions? options)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new OnnxExportOptions();
        WeightChecks.RequireFinite(network);
        if (options.FixedSteps is int steps)
        {
            if (options.Layout != OnnxInputLayout.SingleRow)
                throw new ArgumentException("FixedSteps applies to the SingleRow layout only; the batched layout takes any length.", nameof(options));
            ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1, "options.FixedSteps");
        }

        if (!Enum.IsDefined(options.Quantization))
            throw new ArgumentOutOfRangeException(nameof(options), options.Quantization,
                $"OnnxExportOptions.Quantization is {(int)options.Quantization}; expected {nameof(OnnxQuantization.None)} or {nameof(OnnxQuantization.DynamicInt8)}.");

        var names = options.SingleRowNames ?? throw new ArgumentNullException(nameof(options), "SingleRowNames is null.");
        string[] tensors = [names.Features, names.Probabilities, names.PredictedIndex, names.PredictedLabel, names.Predictions];
        if (tensors.Distinct(StringComparer.Ordinal).Count() != tensors.Length || tensors.Any(string.IsNullOrEmpty))
            throw new ArgumentException($"SingleRowNames must be {tensors.Length} distinct, non-empty tensor names.", nameof(options));

        var model = NetworkGraph.Build(network, options.Layout, options.FixedSteps, options.SingleRowNames, options.Quantization)
            .ToModel(options.ProducerName ?? "", Describe(network) + QuantizationNote(network, options.Quantization));
        model.ProducerVersion = OnnxProducer.Version();
        foreach (var (key, value) in MetadataWriter.Build(network, options.Layout, options.Metadata, options.Quantization))
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    // The description tools such as Netron show: a quantized file says what it needs, since other runtimes lack those operators.
    private static string QuantizationNote(RecurrentNetworkDescription n, OnnxQuantization quantization) => quantization switch
    {
        OnnxQuantization.DynamicInt8 =>
            $" 8-bit weights ({(n.Cell == RnnCellType.Lstm ? "LSTM layers and head" : "head only; the recurrent layers stay float")}), " +
            "activations quantized at run time: needs ONNX Runtime (com.microsoft DynamicQuantizeLSTM / DynamicQuantizeMatMul).",
        _ => "",
    };

    private static string Describe(RecurrentNetworkDescription n)
    {
        var head = OnnxHeads.Of(n);
        return $"Recurrent sequence {head.ModelNoun}: {RnnOnnxMetadata.CellName(n.Cell)}, {n.NumLayers} layer(s), " +
            $"{(n.Bidirectional ? "bidirectional" : "unidirectional")}, hidden size {n.HiddenSize}, " +
            $"input size {n.InputSize}, {n.Head.Outputs} {head.OutputsNoun}.";
    }
}
