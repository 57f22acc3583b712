namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class ElfReaderTests
{
    private static ElfImage Image(byte[] bytes) => new(bytes, "synthetic.so");

    [TestMethod]
    public void FindsEachVersionRequirementWithTheOffsetOfItsFlags()
    {
        var bytes = SyntheticElf.LikeLibTorchSharp(flagsOf3432: 0x1).Build();
        var requirements = ElfVersionNeeds.Read(Image(bytes));

        CollectionAssert.AreEqual(
            new[] { "libc.so.6/GLIBC_2.2.5/4", "libstdc++.so.6/GLIBCXX_3.4.30/2", "libstdc++.so.6/GLIBCXX_3.4.32/3" },
            requirements.Select(r => $"{r.FileName}/{r.VersionName}/{r.Index}").ToArray());
        var glibcxx3432 = requirements.Single(r => r.VersionName == "GLIBCXX_3.4.32");
        Assert.AreEqual((ushort)0x1, glibcxx3432.Flags);
        Assert.IsFalse(glibcxx3432.IsWeak);
        Assert.AreEqual(0x1, bytes[glibcxx3432.FlagsOffset]);
        Assert.AreEqual(0x0, bytes[glibcxx3432.FlagsOffset + 1]);
    }

    [TestMethod]
    public void ReportsTheSymbolsBoundToAVersionAndWhichAreRelocated()
    {
        var image = Image(SyntheticElf.LikeLibTorchSharp().Build());

        var bound = ElfDynamicSymbols.BoundTo(image, versionIndex: 3);
        Assert.AreEqual("_ZSt21ios_base_library_initv", bound.Single().Name);
        Assert.AreEqual(2u, bound.Single().Index);
        CollectionAssert.AreEquivalent(new uint[] { 1, 3 }, ElfDynamicSymbols.Relocated(image).ToArray());
        Assert.AreEqual(0, ElfDynamicSymbols.BoundTo(image, versionIndex: 9).Count);
    }

    [TestMethod]
    public void ReadsNeededLibrariesAndDefinedVersions()
    {
        var image = Image(new SyntheticElf().Needs("libtorch.so").Needs("libc10.so").Defines("libstdc++.so.6", "GLIBCXX_3.4", "GLIBCXX_3.4.30").Build());

        CollectionAssert.AreEqual(new[] { "libtorch.so", "libc10.so" }, ElfNeededLibraries.Read(image).ToArray());
        CollectionAssert.AreEquivalent(new[] { "libstdc++.so.6", "GLIBCXX_3.4", "GLIBCXX_3.4.30" }, ElfVersionDefinitions.ReadNames(image).ToArray());
        Assert.AreEqual(0, ElfVersionNeeds.Read(image).Count);
    }

    [TestMethod]
    public void MarkWeakSetsOnlyTheWeakBitOfTheChosenRequirement()
    {
        var bytes = SyntheticElf.LikeLibTorchSharp(flagsOf3432: 0x1).Build();
        var original = bytes.ToArray();
        var image = Image(bytes);
        var target = ElfVersionNeeds.Read(image).Single(r => r.VersionName == "GLIBCXX_3.4.32");

        var patched = ElfVersionPatch.MarkWeak(image, [target]);

        CollectionAssert.AreEqual(original, bytes, "the input must stay untouched");
        var changed = Enumerable.Range(0, bytes.Length).Where(i => patched[i] != bytes[i]).ToArray();
        CollectionAssert.AreEqual(new[] { (int)target.FlagsOffset }, changed);
        Assert.AreEqual(0x3, patched[target.FlagsOffset], "0x1 | VER_FLG_WEAK");
        var reread = ElfVersionNeeds.Read(Image(patched));
        Assert.IsTrue(reread.Single(r => r.VersionName == "GLIBCXX_3.4.32").IsWeak);
        Assert.IsTrue(reread.Where(r => r.VersionName != "GLIBCXX_3.4.32").All(r => !r.IsWeak));
    }

    [TestMethod]
    public void MarkWeakRefusesARequirementReadFromOtherBytes()
    {
        var image = Image(SyntheticElf.LikeLibTorchSharp().Build());
        var stale = ElfVersionNeeds.Read(image).Single(r => r.VersionName == "GLIBCXX_3.4.32") with { Flags = 0x7 };

        Assert.Throws<InvalidDataException>(() => ElfVersionPatch.MarkWeak(image, [stale]));
    }

    [TestMethod]
    [DataRow("empty")]
    [DataRow("not ELF")]
    [DataRow("ELF32")]
    [DataRow("big-endian")]
    [DataRow("section table past the end")]
    [DataRow("truncated")]
    [DataRow("version entry outside its section")]
    [DataRow("version name outside the string table")]
    [DataRow("string table link out of range")]
    public void RefusesMalformedInputWithAManagedException(string damage)
    {
        var bytes = SyntheticElf.LikeLibTorchSharp().Build();
        var sections = Image(bytes).Sections;
        var verneed = sections.Single(s => s.Type == ElfImage.SectionTypeVersionNeeds);
        long sectionTable = (long)BitConverter.ToUInt64(bytes, 0x28);
        switch (damage)
        {
            case "empty": bytes = []; break;
            case "not ELF": bytes[1] = (byte)'X'; break;
            case "ELF32": bytes[4] = 1; break;
            case "big-endian": bytes[5] = 2; break;
            case "section table past the end": BitConverter.GetBytes(0xffff_fff0ul).CopyTo(bytes, 0x28); break;
            case "truncated": bytes = bytes[..(bytes.Length / 2)]; break;
            case "version entry outside its section": BitConverter.GetBytes(0x4000u).CopyTo(bytes, verneed.Offset + 8); break; // vn_aux
            case "version name outside the string table": BitConverter.GetBytes(0x7fff_0000u).CopyTo(bytes, verneed.Offset + 16 + 8); break; // first vna_name
            case "string table link out of range": BitConverter.GetBytes(99u).CopyTo(bytes, sectionTable + verneed.Index * 64 + 40); break;
        }

        var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(Image(bytes)));
        StringAssert.Contains(error.Message, "synthetic.so cannot be read as an ELF shared library");
    }

    [TestMethod]
    public void RandomDamageGivesAManagedExceptionOrAResultNeverACrash()
    {
        var pristine = SyntheticElf.LikeLibTorchSharp().Defines("GLIBCXX_3.4").Build();
        var random = new Random(3);
        int refused = 0;
        for (int trial = 0; trial < 3000; trial++)
        {
            var bytes = pristine.ToArray();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            try
            {
                var image = Image(bytes);
                foreach (var requirement in ElfVersionNeeds.Read(image))
                {
                    ElfDynamicSymbols.BoundTo(image, requirement.Index);
                    ElfVersionPatch.MarkWeak(image, [requirement]);
                }

                ElfDynamicSymbols.Relocated(image);
                ElfNeededLibraries.Read(image);
                ElfVersionDefinitions.ReadNames(image);
                LibTorchSharpPatchPlan.Decide(image, new HashSet<string>(), "libstdc++.so.6");
            }
            catch (InvalidDataException)
            {
                refused++;
            }
        }

        Assert.IsTrue(refused > 0, "some damage must be noticed");
    }
}
