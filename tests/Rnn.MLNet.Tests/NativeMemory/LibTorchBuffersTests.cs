using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet.Tests;

/// <summary>The cache in front of libtorch's CPU allocator, on the real libc10 of this process.</summary>
[TestClass]
public sealed class LibTorchBuffersTests
{
    [TestMethod]
    public void Libc10CallsPosixMemalignAndFreeThroughItsPlt()
    {
        RequireLinux();
        TorchRuntime.EnsureLoaded();
        Assert.IsTrue(NativeLibrary.TryLoad("libc10.so", typeof(torch).Assembly, null, out var handle));
        var (_, path) = CLibrary.LoadedLibrary(handle) ?? throw new AssertFailedException("libc10.so's link map was not found");
        var slots = ElfImportSlots.Find(ElfImage.Read(path), ["posix_memalign", "free", "no_such_function"]);

        Assert.AreEqual(1, slots["posix_memalign"].Count);
        Assert.AreEqual(1, slots["free"].Count, "the PLT slot only; the address of free that libc10 takes elsewhere is a GLOB_DAT, never patched");
        Assert.IsFalse(slots.ContainsKey("no_such_function"));
    }

    [TestMethod]
    public void WhileEnteredLargeTensorBuffersAreReusedWithoutFaultingAndTheSlotsAreRestoredAfter()
    {
        RequireLinux();
        TorchRuntime.EnsureLoaded();
        long reusedBefore = LibTorchBuffers.Counters.Reused;
        using (LibTorchBuffers.Enter(out var notice))
        {
            Console.WriteLine(notice);
            Assert.IsTrue(LibTorchBuffers.IsInstalled, notice);
            Fill(48);
            long faultsBefore = MinorFaults();
            Fill(48);
            long faults = MinorFaults() - faultsBefore;
            Console.WriteLine($"{faults} minor faults filling a 48 MiB tensor the second time ({(48 << 20) / 4096} pages)");
            Assert.IsTrue(LibTorchBuffers.Counters.Reused > reusedBefore, "the second tensor reused the first one's buffer");
            Assert.IsTrue(faults < (48 << 20) / 4096 / 10, $"{faults} page faults: the buffer went back to the kernel");
        }

        Assert.IsFalse(LibTorchBuffers.IsInstalled, "the last scope restores libc10's slots");
        Assert.AreEqual(0, LibTorchBuffers.Counters.CachedBytes, "kept blocks went back to the C library");
        Fill(48); // libtorch allocates and frees through the C library again
    }

    [TestMethod]
    public void ATensorAllocatedWhileEnteredIsFreedSafelyAfterwards()
    {
        RequireLinux();
        TorchRuntime.EnsureLoaded();
        Tensor survivor;
        using (LibTorchBuffers.Enter(out _))
            survivor = ones(4 << 20); // 16 MiB from the cache
        Assert.AreEqual(4 << 20, survivor.sum().item<float>());
        survivor.Dispose(); // freed by the C library itself
    }

    [TestMethod]
    public void TheSwitchTurnsTheCacheOff()
    {
        foreach (var value in new[] { "0", " off ", "False", "no" })
            Assert.IsTrue(LibTorchBuffers.IsTurnedOff(value), value);
        foreach (var value in new[] { "1", "", null })
            Assert.IsFalse(LibTorchBuffers.IsTurnedOff(value), value ?? "null");
    }

    [TestMethod]
    public void FitKeepsBuffersWhileItRunsAndRestoresTheSlots()
    {
        RequireLinux();
        var ml = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(ml, trainRows: 64, testRows: 8);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        options.HiddenSize = 512; // big enough for per-batch buffers of 1 MiB and more
        long requests = LibTorchBuffers.Counters.Requests;
        new RnnTrainer(ml, options).Fit(train).Dispose();

        Assert.IsTrue(LibTorchBuffers.Counters.Requests > requests, "Fit's large buffers went through the cache");
        Assert.IsFalse(LibTorchBuffers.IsInstalled);
    }

    private static void Fill(int mebibytes)
    {
        using var scope = NewDisposeScope();
        using var tensor = empty((long)mebibytes << 18); // floats
        tensor.fill_(1f);
    }

    private static void RequireLinux()
    {
        if (!OperatingSystem.IsLinux() || !CLibrary.IsAvailable)
            Assert.Inconclusive("The buffer cache applies to Linux with glibc only.");
        if (LibTorchBuffers.IsTurnedOff(Environment.GetEnvironmentVariable(LibTorchBuffers.Variable)))
            Assert.Inconclusive($"{LibTorchBuffers.Variable} turns the cache off in this run.");
    }

    private static long MinorFaults()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[7], CultureInfo.InvariantCulture);
    }
}
