using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using Rnn.Onnx;

namespace Rnn.MLNet;

/// <summary>
/// Loading ML.NET model files that contain a trained <see cref="RnnTransformer"/>: as ML.NET's own transformers
/// (<see cref="Load(MLContext, string, out DataViewSchema, long)"/>), or back as the fast batched transformer
/// (<see cref="LoadTransformer"/>).
/// </summary>
public static class RnnModelFile
{
    // ML.NET writes each ONNX model into an entry of this name, prefixed with its int32 length.
    private const string OnnxEntryName = "OnnxModel";

    /// <summary>
    /// Lets <paramref name="mlContext"/> load saved Rnn.MLNet models with <c>mlContext.Model.Load</c>: registers the
    /// one custom mapping they contain (<see cref="FirstSlotMapping"/>). Calling it more than once is harmless.
    /// </summary>
    public static void Register(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        mlContext.ComponentCatalog.RegisterAssembly(typeof(RnnModelFile).Assembly);
    }

    /// <summary>
    /// Vets the file (entry names stay inside the archive, at most <paramref name="maximumBytes"/> unpacked, every entry
    /// intact), registers (see <see cref="Register"/>) and loads the model with ML.NET. Its ONNX steps (ML.NET's
    /// OnnxTransformer) follow the context's <c>GpuDeviceId</c> and <c>FallbackToCpu</c> as <see cref="RnnTransformer"/>
    /// does: where CUDA is unusable they load on the CPU after one warning, or, with FallbackToCpu false, loading fails
    /// saying why. (A plain <c>mlContext.Model.Load</c> with the CPU-only ONNX Runtime throws EntryPointNotFoundException
    /// for any GpuDeviceId, whatever FallbackToCpu says.)
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is empty, corrupted, truncated, unsafe or not a model; the message names it.</exception>
    /// <exception cref="InvalidOperationException">MLContext.GpuDeviceId is set, CUDA is unusable and MLContext.FallbackToCpu is false.</exception>
    public static ITransformer Load(MLContext mlContext, string path, out DataViewSchema inputSchema, long maximumBytes = ModelFileGuard.DefaultMaximumBytes)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ModelFileGuard.Check(path, maximumBytes);
        // ML.NET reads the device from the context while it loads; where CUDA is unusable a CPU context loads the file instead.
        var loader = HostContext.From(mlContext).Devices.LoadingContext(mlContext, $"model file '{path}'");
        Register(loader);
        try
        {
            return loader.Model.Load(path, out inputSchema);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or EndOfStreamException or ArgumentException)
        {
            throw new InvalidDataException($"Model file '{path}' could not be loaded as an ML.NET model: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads the <see cref="RnnTransformer"/> saved inside an ML.NET model file (alone or as one step of a pipeline)
    /// and returns it in its batched form, scoring exactly as the saved model does.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is corrupted or unsafe, or holds no Rnn.MLNet model, or more than one.</exception>
    public static RnnTransformer LoadTransformer(MLContext mlContext, string path, long maximumBytes = ModelFileGuard.DefaultMaximumBytes)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ModelFileGuard.Check(path, maximumBytes);
        var found = new List<(string Entry, RecurrentNetworkDescription Network, IReadOnlyDictionary<string, string> Metadata)>();
        try
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var entry in zip.Entries.Where(e => e.Name == OnnxEntryName))
            {
                var bytes = ReadLengthPrefixed(entry, path);
                if (bytes is null)
                    continue;
                try
                {
                    var (network, metadata) = RnnOnnxImporter.Read(bytes, $"{path}:{entry.FullName}");
                    if (metadata.ContainsKey(MLNetMetadata.FeatureColumn))
                        found.Add((entry.FullName, network, metadata));
                }
                catch (InvalidDataException)
                {
                    // Another ONNX model in the same pipeline; not ours.
                }
            }
        }
        catch (InvalidDataException e) when (!e.Message.Contains(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Model file '{path}' is not a readable ML.NET model file: {e.Message}", e);
        }

        if (found.Count == 0)
            throw new InvalidDataException($"{path} contains no model saved by Rnn.MLNet.");
        if (found.Count > 1)
            throw new InvalidDataException(
                $"{path} contains {found.Count} Rnn.MLNet models ({string.Join(", ", found.Select(f => f.Entry))}); load the pipeline with {nameof(Load)} instead.");

        var (_, description, meta) = found[0];
        var columns = new RnnColumnNames(meta[MLNetMetadata.FeatureColumn], meta[MLNetMetadata.ScoreColumn], meta[MLNetMetadata.PredictedLabelColumn]);
        int featureSize = Int(meta, MLNetMetadata.FeatureSize, path);
        int batchSize = Int(meta, MLNetMetadata.ScoringBatchSize, path);
        // Files written before the scoring limit existed carry no limit.
        int maximumLength = meta.ContainsKey(MLNetMetadata.MaximumSequenceLength) ? Int(meta, MLNetMetadata.MaximumSequenceLength, path) : 0;
        var (label, scalarScore) = TaskHeads.Of(description).FromModelMetadata(meta, description, path);
        return new RnnTransformer(HostContext.From(mlContext), description, columns, FeatureType(description, featureSize), label, batchSize, maximumLength, scalarScore);
    }

    /// <summary>The feature column type the network was trained on: float steps, or token keys over its vocabulary.</summary>
    private static VectorDataViewType FeatureType(RecurrentNetworkDescription network, int size) => network.Tokens is { } tokens
        ? new VectorDataViewType(new KeyDataViewType(typeof(uint), tokens.Vocabulary.Count), size)
        : new VectorDataViewType(NumberDataViewType.Single, size);

    private static int Int(IReadOnlyDictionary<string, string> metadata, string key, string path) =>
        int.TryParse(metadata.GetValueOrDefault(key), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new InvalidDataException($"{path}: the Rnn.MLNet model's metadata '{key}' is '{metadata.GetValueOrDefault(key)}'; expected a whole number ≥ 0.");

    private static byte[]? ReadLengthPrefixed(ZipArchiveEntry entry, string path)
    {
        // A model file is small next to memory, but a corrupted header must not make us allocate gigabytes.
        const long MaxModelBytes = 2L * 1024 * 1024 * 1024 - 64;
        if (entry.Length < 4 || entry.Length > MaxModelBytes)
            return null;
        using var stream = entry.Open();
        Span<byte> header = stackalloc byte[4];
        stream.ReadExactly(header);
        int length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length != entry.Length - 4)
            throw new InvalidDataException($"{path}: entry {entry.FullName} declares {length} bytes but holds {entry.Length - 4}.");
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
