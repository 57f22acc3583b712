namespace Rnn.Onnx;

/// <summary>Settings for <see cref="RnnOnnxExporter"/>.</summary>
public sealed class OnnxExportOptions
{
    /// <summary>Input layout of the graph; <see cref="OnnxInputLayout.Batched"/> by default.</summary>
    public OnnxInputLayout Layout { get; set; } = OnnxInputLayout.Batched;

    /// <summary>
    /// Extra key/value pairs written to the model's metadata. Keys must not collide with the
    /// standard keys in <see cref="RnnOnnxMetadata"/>.
    /// </summary>
    public IDictionary<string, string> Metadata { get; set; } = new Dictionary<string, string>();

    /// <summary>Written as the model's producer name.</summary>
    public string ProducerName { get; set; } = "Rnn.MLNet";
}
