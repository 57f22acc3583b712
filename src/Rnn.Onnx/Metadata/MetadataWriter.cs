using System.Globalization;
using System.Text.Json;
using Rnn.Onnx.Heads;

namespace Rnn.Onnx.Metadata;

/// <summary>Builds the metadata_props entries of an exported model.</summary>
internal static class MetadataWriter
{
    public static IReadOnlyList<KeyValuePair<string, string>> Build(
        RecurrentNetworkDescription network,
        OnnxInputLayout layout,
        IDictionary<string, string>? extra,
        OnnxQuantization quantization = OnnxQuantization.None)
    {
        var inv = CultureInfo.InvariantCulture;
        var head = OnnxHeads.Of(network);
        var entries = new List<KeyValuePair<string, string>>
        {
            // A quantized file is written as version 6, so readers from before it refuse it rather than miss its 8-bit weights.
            new(RnnOnnxMetadata.FormatVersion, (quantization == OnnxQuantization.None ? head.FormatVersion(network) : 6).ToString(inv)),
            new(RnnOnnxMetadata.Layout, RnnOnnxMetadata.LayoutName(layout)),
            new(RnnOnnxMetadata.Cell, RnnOnnxMetadata.CellName(network.Cell)),
            new(RnnOnnxMetadata.InputSize, network.InputSize.ToString(inv)),
            new(RnnOnnxMetadata.HiddenSize, network.HiddenSize.ToString(inv)),
            new(RnnOnnxMetadata.NumLayers, network.NumLayers.ToString(inv)),
            new(RnnOnnxMetadata.Bidirectional, network.Bidirectional ? "true" : "false"),
            new(RnnOnnxMetadata.ClassNames, JsonSerializer.Serialize(network.ClassNames)),
            new(RnnOnnxMetadata.InputKind, RnnOnnxMetadata.InputKindName(network.Tokens)),
            new(RnnOnnxMetadata.Output, head.OutputKind),
        };
        if (network.Pooling != RnnPooling.Last)
            entries.Add(new(RnnOnnxMetadata.Pooling, RnnOnnxMetadata.PoolingName(network.Pooling)));
        entries.AddRange(head.TaskMetadata(network));
        if (quantization != OnnxQuantization.None)
            entries.Add(new(RnnOnnxMetadata.Quantization, RnnOnnxMetadata.QuantizationName(quantization)));
        if (network.Tokens is { } tokens)
            entries.Add(new(RnnOnnxMetadata.Vocabulary, JsonSerializer.Serialize(tokens.Vocabulary)));

        if (extra is null)
            return entries;
        foreach (var (key, value) in extra)
        {
            if (string.IsNullOrEmpty(key))
                throw new ArgumentException("A metadata key is empty.", nameof(extra));
            if (RnnOnnxMetadata.StandardKeys.Contains(key))
                throw new ArgumentException(
                    $"Metadata key '{key}' is reserved: the exporter writes it from the network. Use another key.", nameof(extra));
            if (value is null)
                throw new ArgumentException($"Metadata key '{key}' has a null value.", nameof(extra));
            entries.Add(new(key, value));
        }
        return entries;
    }
}
