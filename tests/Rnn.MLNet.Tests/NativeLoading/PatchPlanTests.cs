namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class PatchPlanTests
{
    private static readonly HashSet<string> Debian12LibStdCxx = ["GLIBCXX_3.4", "GLIBCXX_3.4.29", "GLIBCXX_3.4.30"];

    private static LibTorchSharpPatchPlan Decide(SyntheticElf elf, IReadOnlySet<string> provided) =>
        LibTorchSharpPatchPlan.Decide(new ElfImage(elf.Build(), "libLibTorchSharp.so"), provided, "/usr/lib/libstdc++.so.6");

    [TestMethod]
    public void PatchesWhenOnlyTheNeverCalledSymbolNeedsTheMissingVersion()
    {
        var plan = Decide(SyntheticElf.LikeLibTorchSharp(), Debian12LibStdCxx);

        Assert.AreEqual(LibTorchSharpPatchDecision.Patch, plan.Decision);
        Assert.AreEqual("GLIBCXX_3.4.32", plan.Versions.Single().VersionName);
        CollectionAssert.AreEqual(new[] { "_ZSt21ios_base_library_initv" }, plan.Symbols.ToArray());
        StringAssert.Contains(plan.Reason, "/usr/lib/libstdc++.so.6 lacks GLIBCXX_3.4.32");
    }

    [TestMethod]
    public void NothingToDoWhenLibStdCxxHasTheVersion()
    {
        var plan = Decide(SyntheticElf.LikeLibTorchSharp(), new HashSet<string>(Debian12LibStdCxx) { "GLIBCXX_3.4.32" });

        Assert.AreEqual(LibTorchSharpPatchDecision.NotNeeded, plan.Decision);
        Assert.AreEqual(0, plan.Versions.Count);
    }

    [TestMethod]
    public void NothingToDoWhenTheRequirementIsAlreadyWeak()
    {
        var plan = Decide(SyntheticElf.LikeLibTorchSharp(flagsOf3432: ElfVersionRequirement.WeakFlag), Debian12LibStdCxx);

        Assert.AreEqual(LibTorchSharpPatchDecision.NotNeeded, plan.Decision);
    }

    [TestMethod]
    public void RefusesWhenAnotherSymbolIsBoundToTheMissingVersion()
    {
        var elf = SyntheticElf.LikeLibTorchSharp().Symbol("_ZNSt8ios_base4InitC1Ev", version: 3);

        var plan = Decide(elf, Debian12LibStdCxx);

        Assert.AreEqual(LibTorchSharpPatchDecision.Refused, plan.Decision);
        StringAssert.Contains(plan.Reason, "binds _ZNSt8ios_base4InitC1Ev to GLIBCXX_3.4.32");
    }

    [TestMethod]
    public void RefusesWhenTheKnownSymbolIsReferencedByARelocation()
    {
        var elf = new SyntheticElf()
            .Requires("libstdc++.so.6", ("GLIBCXX_3.4.32", 0, 2))
            .Symbol("_ZSt21ios_base_library_initv", version: 2, relocated: true);

        var plan = Decide(elf, Debian12LibStdCxx);

        Assert.AreEqual(LibTorchSharpPatchDecision.Refused, plan.Decision);
        StringAssert.Contains(plan.Reason, "relocation against _ZSt21ios_base_library_initv@GLIBCXX_3.4.32");
    }

    [TestMethod]
    public void OtherLibrariesMissingVersionsAreNotItsBusiness()
    {
        // A missing GLIBC version is not something a weak flag may paper over: leave the failure as it is.
        var elf = new SyntheticElf().Requires("libc.so.6", ("GLIBC_9.99", 0, 2)).Symbol("_ZSt21ios_base_library_initv", version: 2);

        Assert.AreEqual(LibTorchSharpPatchDecision.NotNeeded, Decide(elf, Debian12LibStdCxx).Decision);
    }
}
