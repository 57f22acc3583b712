using Rnn.Onnx.Export;
using Rnn.Onnx.Metadata;
using Rnn.Onnx.Protos;
using Rnn.Onnx.Serving.Triton;

namespace Rnn.Onnx;

/// <summary>
/// Writes an exported network as a model of a Triton Inference Server model repository, served by Triton's ONNX Runtime
/// backend: <c>&lt;repository&gt;/&lt;model&gt;/config.pbtxt</c>, <c>&lt;model&gt;/&lt;version&gt;/model.onnx</c> and
/// <c>&lt;model&gt;/labels.txt</c> (class names, one per line, for Triton's classification extension).
/// </summary>
public static class TritonModelRepository
{
    /// <summary>Writes the ONNX model file at <paramref name="onnxPath"/> (exported with <see cref="OnnxInputLayout.Batched"/>) as Triton model <paramref name="modelName"/>.</summary>
    /// <returns>The model's folder.</returns>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a model written by <see cref="RnnOnnxExporter"/>.</exception>
    /// <exception cref="ArgumentException">A name or option is invalid, or the model cannot be served as asked (see <see cref="Export(byte[], string, string, TritonExportOptions?)"/>).</exception>
    public static string ExportFile(string onnxPath, string repositoryDirectory, string modelName, TritonExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(onnxPath);
        if (!File.Exists(onnxPath))
            throw new FileNotFoundException($"No ONNX model at '{onnxPath}'.", onnxPath);
        return Export(File.ReadAllBytes(onnxPath), repositoryDirectory, modelName, options, $"ONNX model '{onnxPath}'");
    }

    /// <summary>
    /// Writes ONNX model bytes (exported with <see cref="OnnxInputLayout.Batched"/>) as Triton model
    /// <paramref name="modelName"/> in <paramref name="repositoryDirectory"/>, replacing that version's files. With
    /// <see cref="TritonExportOptions.Streaming"/> the model file is the network's <see cref="OnnxInputLayout.Stateful"/>
    /// graph instead, with the same extra metadata.
    /// </summary>
    /// <returns>The model's folder.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a model written by <see cref="RnnOnnxExporter"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The model name is empty or not a plain folder name; an option is out of range; the model was exported with another
    /// layout than Batched; a class name holds a line break; or Streaming is asked for a bidirectional or pooled network.
    /// </exception>
    public static string Export(byte[] onnxModel, string repositoryDirectory, string modelName, TritonExportOptions? options = null) =>
        Export(onnxModel, repositoryDirectory, modelName, options, "the ONNX model");

    private static string Export(byte[] onnxModel, string repositoryDirectory, string modelName, TritonExportOptions? options, string source)
    {
        ArgumentNullException.ThrowIfNull(onnxModel);
        ArgumentException.ThrowIfNullOrEmpty(repositoryDirectory);
        options ??= new TritonExportOptions();
        Check(modelName, options);

        var (network, metadata) = RnnOnnxImporter.Read(onnxModel, source);
        var info = MetadataReader.Read(metadata, source);
        var layout = info.Layout;
        if (layout != OnnxInputLayout.Batched)
            throw new ArgumentException(
                $"{source} was exported with the {RnnOnnxMetadata.LayoutName(layout)} layout; Triton export takes a Batched model " +
                "(set TritonExportOptions.Streaming for the stateful one).", nameof(onnxModel));
        byte[] model = onnxModel;
        if (options.Streaming)
        {
            if (StatefulGraph.Unsupported(network) is { } why)
                throw new ArgumentException($"TritonExportOptions.Streaming is true, but {source} cannot be served as a stream: {why}.", nameof(options));
            // The same network in another layout: it keeps the exported file's producer and extra metadata.
            model = RnnOnnxExporter.ToBytes(network, new OnnxExportOptions
            {
                Layout = OnnxInputLayout.Stateful,
                Quantization = info.Quantization,
                Metadata = TritonConfig.ExtraMetadata(metadata),
                ProducerName = ModelProto.Parser.ParseFrom(onnxModel).ProducerName,
            });
        }

        // Everything is built before the first file is written, so a refusal leaves the repository as it was.
        string config = TextFormatWriter.Write(TritonConfig.Build(network, modelName, options));
        string labels = TritonConfig.Labels(network);
        string folder = Path.Combine(repositoryDirectory, modelName);
        string version = Path.Combine(folder, options.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(version);
        File.WriteAllBytes(Path.Combine(version, "model.onnx"), model);
        File.WriteAllText(Path.Combine(folder, TritonConfig.LabelsFile), labels);
        File.WriteAllText(Path.Combine(folder, "config.pbtxt"), config);
        return folder;
    }

    /// <summary>
    /// Writes a forecaster (bytes written by <see cref="RnnOnnxForecastExporter"/>) as Triton model <paramref name="modelName"/>:
    /// inputs <see cref="RnnOnnxNames.History"/> [WindowSize], with covariates <see cref="RnnOnnxNames.Covariates"/>
    /// [WindowSize + Horizon, covariates], for many series <see cref="RnnOnnxNames.Series"/> (one INT64 index per row; the ids by
    /// index are in <c>series.txt</c>, the table's size means an unknown series); outputs <see cref="RnnOnnxNames.Forecast"/>
    /// [Horizon] and, for quantiles, <see cref="RnnOnnxNames.Quantiles"/> [Horizon, levels]. Dynamic batching.
    /// </summary>
    /// <returns>The model's folder.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a forecaster.</exception>
    /// <exception cref="ArgumentException">A name or option is invalid, Streaming is asked for (a forecaster reads whole windows), or a series id holds a line break.</exception>
    public static string ExportForecaster(byte[] forecasterModel, string repositoryDirectory, string modelName, TritonExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(forecasterModel);
        ArgumentException.ThrowIfNullOrEmpty(repositoryDirectory);
        options ??= new TritonExportOptions();
        Check(modelName, options);
        if (options.Streaming)
            throw new ArgumentException("TritonExportOptions.Streaming is true, but a forecaster reads a whole window per request; export it without Streaming.", nameof(options));
        var model = RnnOnnxImporter.ReadForecastModel(forecasterModel, "the forecaster model");
        string config = TextFormatWriter.Write(TritonConfig.BuildForecaster(model, modelName, options));
        string? ids = model.Panel is { } panel ? TritonConfig.SeriesIds(panel) : null;
        string folder = Path.Combine(repositoryDirectory, modelName);
        string version = Path.Combine(folder, options.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(version);
        File.WriteAllBytes(Path.Combine(version, "model.onnx"), forecasterModel);
        if (ids is not null)
            File.WriteAllText(Path.Combine(folder, TritonConfig.SeriesFile), ids);
        File.WriteAllText(Path.Combine(folder, "config.pbtxt"), config);
        return folder;
    }

    private static void Check(string modelName, TritonExportOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        if (modelName is "." or ".." || modelName.IndexOfAny(['/', '\\']) >= 0 || modelName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"Model name '{modelName}' is not a plain folder name; Triton names a model after its folder in the repository.", nameof(modelName));
        Positive(options.MaxBatchSize, nameof(options.MaxBatchSize));
        Positive(options.InstanceCount, nameof(options.InstanceCount));
        Positive(options.Version, nameof(options.Version));
        if (options.MaxQueueDelayMicroseconds < 0)
            throw Bad(nameof(options.MaxQueueDelayMicroseconds), options.MaxQueueDelayMicroseconds, "≥ 0");
        if (options.MaxSequenceIdleMicroseconds < 1)
            throw Bad(nameof(options.MaxSequenceIdleMicroseconds), options.MaxSequenceIdleMicroseconds, "≥ 1");
        if (!Enum.IsDefined(options.InstanceKind))
            throw Bad(nameof(options.InstanceKind), options.InstanceKind, "Gpu or Cpu");
    }

    private static void Positive(int value, string name)
    {
        if (value < 1)
            throw Bad(name, value, "≥ 1");
    }

    private static ArgumentOutOfRangeException Bad(string name, object value, string expected) =>
        new("options", value, $"TritonExportOptions.{name} is {value}; expected {expected}.");
}
