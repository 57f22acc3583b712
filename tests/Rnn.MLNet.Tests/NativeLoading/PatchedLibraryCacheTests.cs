using System.Security.Cryptography;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class PatchedLibraryCacheTests
{
    private static readonly byte[] Original = [1, 2, 3, 4, 5];
    private static readonly byte[] Patched = [1, 2, 9, 4, 5];

    public TestContext TestContext { get; set; } = null!;

    private PatchedLibraryCache CacheIn(params string[] roots) =>
        new([.. roots.Select(r => new PatchedLibraryCacheRoot(r, OwnerOnly: false))]);

    [TestMethod]
    public void FileLivesUnderTheHashOfTheOriginalAndHoldsThePatchedBytes()
    {
        var root = Scratch.Folder(TestContext);

        var path = CacheIn(root).GetOrCreate(Original, Patched, "libX.so");

        Assert.AreEqual(Path.Combine(root, Convert.ToHexStringLower(SHA256.HashData(Original)), "libX.so"), path);
        CollectionAssert.AreEqual(Patched, File.ReadAllBytes(path));
    }

    [TestMethod]
    public void SecondCallReusesTheFileAndAWrongFileIsReplaced()
    {
        var cache = CacheIn(Scratch.Folder(TestContext));
        var path = cache.GetOrCreate(Original, Patched, "libX.so");
        var marker = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, marker);

        Assert.AreEqual(path, cache.GetOrCreate(Original, Patched, "libX.so"));
        Assert.AreEqual(marker, File.GetLastWriteTimeUtc(path), "a correct copy must not be rewritten");

        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.AreEqual(path, cache.GetOrCreate(Original, Patched, "libX.so"));
        CollectionAssert.AreEqual(Patched, File.ReadAllBytes(path));
    }

    [TestMethod]
    public void ConcurrentCallsEndWithOneCorrectFileAndNoTempFiles()
    {
        var root = Scratch.Folder(TestContext);
        var big = RandomNumberGenerator.GetBytes(4 << 20); // Large enough for writes to overlap.
        var paths = new string[16];

        Parallel.For(0, paths.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            paths[i] = CacheIn(root).GetOrCreate(Original, big, "libX.so"));

        Assert.AreEqual(1, paths.Distinct().Count());
        var folder = Path.GetDirectoryName(paths[0])!;
        CollectionAssert.AreEqual(new[] { paths[0] }, Directory.GetFiles(folder));
        CollectionAssert.AreEqual(big, File.ReadAllBytes(paths[0]));
    }

    [TestMethod]
    public void AnUnusableRootFallsThroughToTheNext()
    {
        var scratch = Scratch.Folder(TestContext);
        var blocked = Path.Combine(scratch, "a-file");
        File.WriteAllText(blocked, "not a folder");
        var second = Path.Combine(scratch, "second");

        var path = CacheIn(Path.Combine(blocked, "cache"), second).GetOrCreate(Original, Patched, "libX.so");

        StringAssert.StartsWith(path, second + Path.DirectorySeparatorChar);
    }

    [TestMethod]
    public void AnOwnerOnlyRootOpenToOthersIsRefusedWithEachRootsReason()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Unix file modes only.");
            return;
        }

        var open = Path.Combine(Scratch.Folder(TestContext), "shared");
        Directory.CreateDirectory(open);
        File.SetUnixFileMode(open, (UnixFileMode)0x1ff); // 0777
        var cache = new PatchedLibraryCache([new PatchedLibraryCacheRoot(open, OwnerOnly: true)]);

        var error = Assert.Throws<IOException>(() => cache.GetOrCreate(Original, Patched, "libX.so"));

        StringAssert.Contains(error.Message, $"{open}: {open} is open to other users");
        Assert.AreEqual(0, Directory.GetFileSystemEntries(open).Length);
    }

    [TestMethod]
    public void UserCacheIsTheOverrideThenXdgThenAnOwnerOnlyTempFolder()
    {
        var environment = new Dictionary<string, string>
        {
            [NativeLoadSettings.CacheVariable] = "/opt/chosen",
            ["XDG_CACHE_HOME"] = "/home/u/.xdg",
        };

        var roots = PatchedLibraryCache.ForUser(environment.GetValueOrDefault).Roots;

        CollectionAssert.AreEqual(
            new[] { "/opt/chosen", "/home/u/.xdg/rnn-mlnet/native", Path.Combine(Path.GetTempPath(), $"rnn-mlnet-{Environment.UserName}") },
            roots.Select(r => r.Path).ToArray());
        CollectionAssert.AreEqual(new[] { false, false, true }, roots.Select(r => r.OwnerOnly).ToArray());
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.AreEqual(Path.Combine(home, ".cache", "rnn-mlnet", "native"), PatchedLibraryCache.ForUser(_ => null).Roots[0].Path);
    }
}
