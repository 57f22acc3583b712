using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using Rnn.Onnx.Export;
using Rnn.Onnx.Graph;
using Rnn.Onnx.Scoring;

namespace Rnn.Onnx;

/// <summary>
/// Whether ONNX Runtime in this process can run on a CUDA device. ONNX Runtime's own list of providers cannot tell:
/// the GPU build lists CUDA even where no CUDA library is installed. So this opens a one-node session on the device.
/// </summary>
public static class OnnxRuntimeCuda
{
    private static readonly ConcurrentDictionary<int, string> Unusable = new();
    private static readonly ConcurrentDictionary<int, bool> Usable = new();
    private static readonly Lazy<byte[]> ProbeModel = new(BuildProbeModel);

    /// <summary>
    /// True when a session opens on CUDA device <paramref name="gpuDeviceId"/>; otherwise false, with
    /// <paramref name="reason"/> saying why in one sentence (the CPU-only runtime is loaded, CUDA libraries are missing,
    /// the device does not exist). The answer is kept for the life of the process.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gpuDeviceId"/> is negative.</exception>
    public static bool IsUsable(int gpuDeviceId, out string reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gpuDeviceId);
        reason = "";
        if (Usable.ContainsKey(gpuDeviceId))
            return true;
        if (Unusable.TryGetValue(gpuDeviceId, out var known))
        {
            reason = known;
            return false;
        }

        var (session, why) = SessionFactory.TryOpenCuda(so => new InferenceSession(ProbeModel.Value, so), gpuDeviceId, intraOpNumThreads: 1);
        if (session is { } opened)
        {
            opened.Session.Dispose();
            opened.Options.Dispose();
            Usable[gpuDeviceId] = true;
            return true;
        }

        reason = Unusable.GetOrAdd(gpuDeviceId, why);
        return false;
    }

    private static byte[] BuildProbeModel()
    {
        var graph = new OnnxGraphBuilder("cuda_probe");
        var x = graph.Input("x", OnnxElementType.Float, 1);
        graph.Node("Identity", "copy", [x], ["y"]);
        graph.Output("y", OnnxElementType.Float, 1);
        return graph.ToModelBytes(OnnxProducer.Name);
    }
}
