using System.Runtime.CompilerServices;
using TorchSharp;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class DenormalFlushTests
{
    // The smallest positive float: denormal, flushed to zero by a multiplication when denormals are off.
    private static readonly float Denormal = BitConverter.Int32BitsToSingle(1);

    [TestMethod]
    public void DenormalsAreFlushedOnThisThreadWhileTheScopeLastsAndKeptAfter()
    {
        if (!OperatingSystem.IsLinux() || !(System.Runtime.Intrinsics.X86.Sse.IsSupported))
            Assert.Inconclusive("Checked on x86-64 Linux, where libtorch exports the switch under its Itanium name.");
        Assert.AreNotEqual(0f, Times(Denormal, 1f), "IEEE gradual underflow before");
        using (DenormalFlush.OnThisThread())
        {
            Assert.AreEqual(0f, Times(Denormal, 1f), ".NET arithmetic on this thread flushes");
            using var tensor = torch.tensor(new[] { Denormal }) * 1f;
            Assert.AreEqual(0f, tensor.item<float>(), "so does libtorch's");
        }

        Assert.AreNotEqual(0f, Times(Denormal, 1f), "restored after");
    }

    [TestMethod]
    public void TheSwitchKeepsDenormals()
    {
        Environment.SetEnvironmentVariable(DenormalFlush.Variable, "0");
        try
        {
            using (DenormalFlush.OnThisThread())
                Assert.AreNotEqual(0f, Times(Denormal, 1f));
        }
        finally
        {
            Environment.SetEnvironmentVariable(DenormalFlush.Variable, null);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Times(float a, float b) => a * b;
}
