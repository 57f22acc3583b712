using static TorchSharp.torch;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class TensorMemoryTests
{
    [TestMethod]
    public void CopiesIntoAndOutOfCpuTensors()
    {
        TorchRuntime.EnsureLoaded();
        using var floats = empty([2, 3], ScalarType.Float32);
        TensorMemory.CopyInto<float>(floats, [1, 2, 3, 4, 5, 6]);
        Assert.AreEqual(6f, floats[1, 2].item<float>());

        using var longs = empty([3], ScalarType.Int64);
        TensorMemory.CopyInto<long>(longs, [7, 8, 9]);
        var back = new long[3];
        TensorMemory.CopyFrom<long>(longs, back);
        CollectionAssert.AreEqual(new long[] { 7, 8, 9 }, back);
    }

    [TestMethod]
    public void RefusesMismatchedSizesAndStridedViews()
    {
        TorchRuntime.EnsureLoaded();
        using var t = zeros(2, 3);
        Assert.Throws<InvalidOperationException>(() => TensorMemory.CopyInto<float>(t, [1, 2]));
        using var transposed = t.t();
        Assert.Throws<InvalidOperationException>(() => TensorMemory.CopyFrom<float>(transposed, new float[6]));
    }
}
