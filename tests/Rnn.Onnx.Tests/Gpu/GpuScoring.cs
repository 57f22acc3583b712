using System.Reflection;

namespace Rnn.Onnx.Tests.Gpu;

/// <summary>What the tests of the CUDA paths expect from the ONNX Runtime this test build references (linked into Rnn.MLNet.Tests too).</summary>
internal static class GpuScoring
{
    /// <summary>Test category that CI runs again in the GPU-runtime build (-p:RnnTestOnnxRuntime=gpu).</summary>
    public const string Category = "GpuScoring";

    /// <summary>The native ONNX Runtime package this test app references (tests/Directory.Build.props writes it into the assembly).</summary>
    public static readonly string RuntimePackage = typeof(GpuScoring).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "OnnxRuntimePackage").Value!;

    /// <summary>True when that package is ONNX Runtime's CUDA-enabled build.</summary>
    public static readonly bool GpuRuntime = RuntimePackage == "Microsoft.ML.OnnxRuntime.Gpu.Linux";

    /// <summary>Part of the reason the scorer gives when CUDA is asked for and unusable here.</summary>
    public static readonly string ExpectedCause = GpuRuntime ? "CUDA execution provider did not load" : "CPU-only build";

    /// <summary>This build's flavour, as it names its score snapshot.</summary>
    public static readonly string Flavour = GpuRuntime ? "gpu-scoring" : "cpu";
}
