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

    /// <summary>Written as the model's producer name.</summary>
    public string ProducerName { get; set; } = "Rnn.MLNet";
}
