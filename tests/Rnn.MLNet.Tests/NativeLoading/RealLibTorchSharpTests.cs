namespace Rnn.MLNet.Tests;

/// <summary>The ELF logic on TorchSharp 0.107.0's own libLibTorchSharp.so, as the build copied it from the package.</summary>
[TestClass]
public sealed class RealLibTorchSharpTests
{
    private const string Version = "GLIBCXX_3.4.32";

    internal static string PackagedLibrary()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", LibTorchSharpLoader.FileName);
        if (!File.Exists(path))
            Assert.Inconclusive($"No {path}: these tests need the Linux x64 build output.");
        return path;
    }

    [TestMethod]
    public void RequiresGlibcxx3432StronglyForOnlyIosBaseLibraryInit()
    {
        var image = ElfImage.Read(PackagedLibrary());

        var requirement = ElfVersionNeeds.Read(image).Single(r => r.VersionName == Version);
        Assert.AreEqual("libstdc++.so.6", requirement.FileName);
        Assert.IsFalse(requirement.IsWeak);
        var bound = ElfDynamicSymbols.BoundTo(image, requirement.Index);
        CollectionAssert.AreEqual(new[] { "_ZSt21ios_base_library_initv" }, bound.Select(b => b.Name).ToArray());
        Assert.IsFalse(ElfDynamicSymbols.Relocated(image).Contains(bound[0].Index), "no relocation may name it");
        CollectionAssert.IsSubsetOf(new[] { "libtorch.so", "libc10.so", "libtorch_cpu.so", "libstdc++.so.6" }, ElfNeededLibraries.Read(image).ToArray());
    }

    [TestMethod]
    public void PatchedCopyRequiresItWeaklyAndIsOtherwiseByteIdentical()
    {
        var image = ElfImage.Read(PackagedLibrary());
        // The versions of a libstdc++ that lacks 3.4.32, whatever this host has.
        var provided = ElfVersionDefinitions.ReadNames(ElfImage.Read(SystemLibStdCxx())).Where(v => v != Version).ToHashSet();

        var plan = LibTorchSharpPatchPlan.Decide(image, provided, "libstdc++ without 3.4.32");
        Assert.AreEqual(LibTorchSharpPatchDecision.Patch, plan.Decision, plan.Reason);
        var patched = ElfVersionPatch.MarkWeak(image, plan.Versions);

        var before = ElfVersionNeeds.Read(image);
        var after = ElfVersionNeeds.Read(new ElfImage(patched, "patched"));
        Assert.AreEqual(before.Count, after.Count);
        for (int i = 0; i < before.Count; i++)
            Assert.AreEqual(before[i].VersionName == Version, after[i].IsWeak, after[i].VersionName);
        var offset = (int)plan.Versions.Single().FlagsOffset;
        var differences = Enumerable.Range(0, patched.Length).Where(i => patched[i] != image.Bytes[i]).ToArray();
        CollectionAssert.AreEqual(new[] { offset }, differences, "only the low byte of vna_flags may change");
        Assert.AreEqual(image.Bytes.Length, patched.Length);
    }

    [TestMethod]
    public void ReadsTheVersionsOfThisProcesssLibStdCxx()
    {
        var path = LibStdCxxLocator.Locate();
        Assert.IsNotNull(path);
        CollectionAssert.Contains(ProcessMaps.MappedFiles().ToArray(), path, "the .NET host maps libstdc++, so that is the one to check");
        var versions = ElfVersionDefinitions.ReadNames(ElfImage.Read(path));
        CollectionAssert.IsSubsetOf(new[] { "GLIBCXX_3.4", "GLIBCXX_3.4.26", "CXXABI_1.3" }, versions.ToArray());
    }

    /// <summary>Whether this host's libstdc++ lacks the version, so loading needs the patched copy (true on Debian 12).</summary>
    internal static bool HostLacks3432() => !ElfVersionDefinitions.ReadNames(ElfImage.Read(SystemLibStdCxx())).Contains(Version);

    internal static string SystemLibStdCxx() => LibStdCxxLocator.Locate() ?? throw new AssertInconclusiveException("no libstdc++.so.6 here");
}
