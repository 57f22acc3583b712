namespace Rnn.Onnx.Tests.Gpu;

/// <summary>What the tests of the CUDA paths expect from the ONNX Runtime this test build references (linked into Rnn.MLNet.Tests too).</summary>
internal static class GpuScoring
{
    /// <summary>Test category that CI runs again in the -p:RnnMLNetGpuScoring=true build.</summary>
    public const string Category = "GpuScoring";

    /// <summary>Part of the reason the scorer gives when CUDA is asked for and unusable here.</summary>
#if RNN_GPU_SCORING
    public const string ExpectedCause = "CUDA execution provider did not load";
#else
    public const string ExpectedCause = "CPU-only build";
#endif

    /// <summary>This build's flavour, as it names its score snapshot.</summary>
#if RNN_GPU_SCORING
    public static readonly string Flavour = "gpu-scoring";
#else
    public static readonly string Flavour = "cpu";
#endif
}
