using Microsoft.ML;
using Rnn.Benchmarks.Data;
using Rnn.MLNet;

namespace Rnn.Benchmarks.Harness;

/// <summary>
/// The LSTM 28→128 classifier the scoring and latency benchmarks share: trained for one short epoch (real weights,
/// little time) and exported to an ONNX file that every scoring path loads.
/// </summary>
internal sealed class ScoringModel : IDisposable
{
    public const int Hidden = 128;

    private ScoringModel(MLContext ml, RnnTransformer transformer, string onnxPath, string int8Path)
    {
        ML = ml;
        Transformer = transformer;
        OnnxPath = onnxPath;
        Int8Path = int8Path;
    }

    public MLContext ML { get; }

    public RnnTransformer Transformer { get; }

    public string OnnxPath { get; }

    /// <summary>The same network exported with <see cref="Rnn.Onnx.OnnxQuantization.DynamicInt8"/> (8-bit LSTM and head).</summary>
    public string Int8Path { get; }

    /// <summary>The ONNX Runtime thread count every scoring path gets (null: runtime default).</summary>
    public int? OrtThreads => Transformer.IntraOpNumThreads;

    /// <param name="ortThreads">ONNX Runtime intra-op threads for the transformer's scoring; null for the default.</param>
    public static ScoringModel Train(int? ortThreads)
    {
        var ml = new MLContext(seed: 1);
        var keyed = ImageRows.Keyed(ml, ImageRows.Generate(2_048, seed: 4));
        var options = new RnnTrainerOptions { InputSize = ImageRow.StepWidth, HiddenSize = Hidden, Epochs = 1, BatchSize = 256, Seed = 1, Device = "cpu" };
        var transformer = new RnnTrainer(ml, options).Fit(keyed);
        transformer.IntraOpNumThreads = ortThreads;
        var path = Path.Combine(Path.GetTempPath(), $"rnn-bench-lstm{Hidden}-{Environment.ProcessId}.onnx");
        transformer.ExportOnnx(path);
        var int8Path = Path.ChangeExtension(path, ".int8.onnx");
        Rnn.Onnx.RnnOnnxExporter.Write(transformer.Network, int8Path, new Rnn.Onnx.OnnxExportOptions { Quantization = Rnn.Onnx.OnnxQuantization.DynamicInt8 });
        return new ScoringModel(ml, transformer, path, int8Path);
    }

    public void Dispose()
    {
        Transformer.Dispose();
        File.Delete(OnnxPath);
        File.Delete(Int8Path);
    }
}
