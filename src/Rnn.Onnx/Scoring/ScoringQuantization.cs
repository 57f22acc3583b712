using Rnn.Onnx.Metadata;
using Rnn.Onnx.Protos;

namespace Rnn.Onnx.Scoring;

/// <summary>What <see cref="RnnOnnxScorerOptions.Quantization"/> does to a model before its session opens.</summary>
internal static class ScoringQuantization
{
    /// <exception cref="ArgumentOutOfRangeException">The option holds no known value.</exception>
    public static OnnxQuantization Of(RnnOnnxScorerOptions? options)
    {
        var quantization = options?.Quantization ?? OnnxQuantization.None;
        if (!Enum.IsDefined(quantization))
            throw new ArgumentOutOfRangeException(nameof(options), quantization,
                $"RnnOnnxScorerOptions.Quantization is {(int)quantization}; expected {nameof(OnnxQuantization.None)} or {nameof(OnnxQuantization.DynamicInt8)}.");
        return quantization;
    }

    /// <summary>
    /// The 8-bit form of a batched model (its network read back and written again with <see cref="OnnxQuantization.DynamicInt8"/>,
    /// keeping its producer name and extra metadata); the model itself when it is 8-bit already, or when it is not one the
    /// scorer serves (another layout, a forecaster), so that the scorer's own check names the problem.
    /// </summary>
    public static byte[] Quantize(byte[] model, string source)
    {
        var (network, metadata) = RnnOnnxImporter.Read(model, source);
        var info = MetadataReader.Read(metadata, source);
        if (info.Quantization != OnnxQuantization.None || info.IsForecaster || info.Layout != OnnxInputLayout.Batched)
            return model;
        return RnnOnnxExporter.ToBytes(network, new OnnxExportOptions
        {
            Quantization = OnnxQuantization.DynamicInt8,
            Metadata = metadata.Where(p => !RnnOnnxMetadata.StandardKeys.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            ProducerName = ModelProto.Parser.ParseFrom(model).ProducerName,
        });
    }
}
