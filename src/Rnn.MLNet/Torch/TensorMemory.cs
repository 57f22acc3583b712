using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// Bulk copies between managed spans and the storage of CPU tensors. TorchSharp's element accessor
/// (<c>data&lt;T&gt;().CopyFrom</c>) copies one element at a time, far slower than a span copy for a training batch
/// (docs/PERFORMANCE.md, "Measurements behind the defaults"), so hot loops go through the tensor's bytes instead.
/// </summary>
internal static class TensorMemory
{
    /// <summary>Copies <paramref name="values"/> into a contiguous CPU tensor of exactly that many elements.</summary>
    public static void CopyInto<T>(Tensor tensor, ReadOnlySpan<T> values)
        where T : unmanaged => values.CopyTo(Elements<T>(tensor, values.Length));

    /// <summary>Copies a contiguous CPU tensor of exactly <paramref name="destination"/>'s length into it.</summary>
    public static void CopyFrom<T>(Tensor tensor, Span<T> destination)
        where T : unmanaged => Elements<T>(tensor, destination.Length).CopyTo(destination);

    private static Span<T> Elements<T>(Tensor tensor, int count)
        where T : unmanaged
    {
        if (tensor.device_type != DeviceType.CPU || !tensor.is_contiguous() || tensor.numel() != count)
            throw new InvalidOperationException(
                $"Expected a contiguous CPU tensor of {count} elements; got {tensor.numel()} on {tensor.device_type} (contiguous: {tensor.is_contiguous()}).");
        return MemoryMarshal.Cast<byte, T>(tensor.bytes);
    }
}
