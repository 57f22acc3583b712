using TorchSharp;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class LibTorchSharpLoaderTests
{
    public TestContext TestContext { get; set; } = null!;

    private LibTorchSharpLoader LoaderIn(string root, Func<string, string?>? environment = null) =>
        new(new PatchedLibraryCache([new PatchedLibraryCacheRoot(root, OwnerOnly: false)]), environment ?? (_ => null));

    [TestMethod]
    public void ThisProcessMapsOneLibtorchCpuAndOneLibTorchSharpAndNoFallbackCopy()
    {
        TorchRuntime.EnsureLoaded();
        using var sum = torch.ones(2, 2).sum();
        Assert.AreEqual(4f, sum.item<float>());

        Assert.AreEqual(1, ProcessMaps.Named("libtorch_cpu.so").Count, string.Join(", ", ProcessMaps.Named("libtorch_cpu.so")));
        var libTorchSharp = ProcessMaps.Named(LibTorchSharpLoader.FileName);
        Assert.AreEqual(1, libTorchSharp.Count, string.Join(", ", libTorchSharp));
        Assert.IsFalse(Directory.Exists(Path.Combine(Path.GetDirectoryName(typeof(torch).Assembly.Location)!, "cpu")),
            "TorchSharp's fallback (copying natives into cpu/) must never run");

        var outcome = LibTorchSharpLoadHook.Loader.Outcome;
        if (RealLibTorchSharpTests.HostLacks3432())
        {
            // There is no build step any more: the copy in the test output is the package's, so only the run-time loader can have made this work.
            StringAssert.StartsWith(outcome, "loaded ");
            var cacheFolder = Path.GetDirectoryName(Path.GetDirectoryName(libTorchSharp[0]))!;
            CollectionAssert.Contains(LibTorchSharpLoadHook.Loader.Cache.Roots.Select(r => r.Path).ToArray(), cacheFolder);
            Assert.IsFalse(ElfVersionNeeds.Read(ElfImage.Read(libTorchSharp[0])).Any(r => r.VersionName == "GLIBCXX_3.4.32" && !r.IsWeak));
        }
        else
        {
            Assert.IsNull(outcome, "a host with GLIBCXX_3.4.32 loads the package's file directly");
        }
    }

    [TestMethod]
    public void PrepareWritesThePatchedCopyIntoTheGivenCacheWithoutLoadingIt()
    {
        var root = Scratch.Folder(TestContext);
        var loader = LoaderIn(root);
        var original = RealLibTorchSharpTests.PackagedLibrary();

        var prepared = loader.Prepare(original, RealLibTorchSharpTests.SystemLibStdCxx());

        if (!RealLibTorchSharpTests.HostLacks3432())
        {
            Assert.IsNull(prepared);
            StringAssert.Contains(loader.Outcome, "was not patched");
            return;
        }

        Assert.IsNotNull(prepared);
        StringAssert.StartsWith(prepared.PatchedPath, Path.Combine(root, PatchedLibraryCache.KeyOf(File.ReadAllBytes(original))));
        Assert.IsTrue(ElfVersionNeeds.Read(ElfImage.Read(prepared.PatchedPath)).Single(r => r.VersionName == "GLIBCXX_3.4.32").IsWeak);
        CollectionAssert.DoesNotContain(ProcessMaps.MappedFiles().ToArray(), prepared.PatchedPath);
    }

    [TestMethod]
    public void OptingOutLeavesTheFailureAloneAndSaysSo()
    {
        var root = Scratch.Folder(TestContext);
        var loader = LoaderIn(root, name => name == NativeLoadSettings.PatchVariable ? "0" : null);

        Assert.AreEqual(IntPtr.Zero, loader.Resolve(typeof(torch).Assembly, LibTorchSharpLoader.LibraryName));

        StringAssert.Contains(loader.Outcome, "RNN_MLNET_PATCH_LIBTORCHSHARP=0");
        Assert.AreEqual(0, Directory.GetFileSystemEntries(root).Length);
    }

    [TestMethod]
    public void OtherLibrariesAreNotItsBusiness()
    {
        var loader = LoaderIn(Scratch.Folder(TestContext));

        Assert.AreEqual(IntPtr.Zero, loader.Resolve(typeof(torch).Assembly, "onnxruntime"));
        Assert.IsNull(loader.Outcome);
    }

    [TestMethod]
    public void AMalformedOriginalIsRefusedWithAManagedExceptionAndNothingIsCached()
    {
        var folder = Scratch.Folder(TestContext);
        File.WriteAllBytes(Path.Combine(folder, LibTorchSharpLoader.FileName), SyntheticElf.LikeLibTorchSharp().Build()[..100]);
        var loader = LoaderIn(Path.Combine(folder, "cache"));

        var error = Assert.Throws<InvalidDataException>(() => loader.Prepare(Path.Combine(folder, LibTorchSharpLoader.FileName), RealLibTorchSharpTests.SystemLibStdCxx()));

        StringAssert.Contains(error.Message, "cannot be read as an ELF shared library");
        Assert.IsFalse(Directory.Exists(Path.Combine(folder, "cache")));
    }

    [TestMethod]
    public void SearchesTheAppsNativeFoldersBeforeTorchSharpsOwn()
    {
        var directories = LibTorchSharpLoader.SearchDirectories(typeof(torch).Assembly);

        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        var torchFolder = Path.GetDirectoryName(typeof(torch).Assembly.Location)!;
        var list = directories.ToList();
        Assert.IsTrue(list.IndexOf(native) >= 0 && list.IndexOf(native) < list.IndexOf(torchFolder), string.Join(", ", directories));
    }
}
