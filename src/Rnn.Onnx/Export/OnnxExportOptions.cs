using Rnn.Onnx.Export;

namespace Rnn.Onnx;

/// <summary>Settings for <see cref="RnnOnnxExporter"/>.</summary>
public sealed class OnnxExportOptions
{
    /// <summary>Input layout of the graph; <see cref="OnnxInputLayout.Batched"/> by default.</summary>
    public OnnxInputLayout Layout { get; set; } = OnnxInputLayout.Batched;

    /// <summary>
    /// <see cref="OnnxInputLayout.SingleRow"/> only: when every sequence has this many steps, declare
    /// <c>features</c> as a fixed [1, FixedSteps × InputSize] instead of [1, values]. Needed for
    /// known-size vector columns in ML.NET (e.g. image rows): its OnnxTransformer cannot feed a
    /// known-size column into an input with an unknown dimension. Null (the default) keeps the length free.
    /// </summary>
    public int? FixedSteps { get; set; }

    /// <summary>
    /// Extra key/value pairs written to the model's metadata. Keys must not collide with the
    /// standard keys in <see cref="RnnOnnxMetadata"/>.
    /// </summary>
    public IDictionary<string, string> Metadata { get; set; } = new Dictionary<string, string>();

    /// <summary>
    /// How the graph stores its weights: <see cref="OnnxQuantization.None"/> (the default: float, any ONNX runtime) or
    /// <see cref="OnnxQuantization.DynamicInt8"/> (8-bit LSTM layers and head through ONNX Runtime's <c>com.microsoft</c>
    /// operators, faster on CPUs; ONNX Runtime only). The metadata records it (<see cref="RnnOnnxMetadata.Quantization"/>).
    /// </summary>
    public OnnxQuantization Quantization { get; set; }

    /// <summary>Written as the model's producer name; "Rnn.Onnx" by default (an application that exports names itself here).</summary>
    public string ProducerName { get; set; } = OnnxProducer.Name;

    /// <summary>
    /// Tensor names of the single-row graph (ML.NET's OnnxTransformer requires column names to equal
    /// tensor names, so the ML.NET persisted form names them after its columns). Ignored for the batched layout.
    /// </summary>
    public SingleRowTensorNames SingleRowNames { get; set; } = new();
}
