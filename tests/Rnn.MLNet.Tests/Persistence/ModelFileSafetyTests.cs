using System.IO.Compression;
using Microsoft.ML;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class ModelFileSafetyTests
{
    private static string? _validModel;

    public TestContext TestContext { get; set; } = null!;

    private string Folder => Scratch.Folder(TestContext);

    private string ValidModel()
    {
        if (_validModel is not null)
            return _validModel;
        var ml = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(ml, trainRows: 32);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        using var model = new RnnTrainer(ml, options).Fit(train);
        var path = Path.Combine(Folder, "valid-model.zip");
        ml.Model.Save(model, train.Schema, path);
        return _validModel = path;
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static InvalidDataException LoadFails(string path, long maximumBytes = 1L << 32)
    {
        var error = Assert.Throws<InvalidDataException>(() => RnnModelFile.Load(new MLContext(), path, out _, maximumBytes));
        StringAssert.Contains(error.Message, path);
        var fast = Assert.Throws<InvalidDataException>(() => RnnModelFile.LoadTransformer(new MLContext(), path, maximumBytes));
        StringAssert.Contains(fast.Message, path);
        return error;
    }

    [TestMethod]
    public void TruncatedFileIsInvalidData()
    {
        var bytes = File.ReadAllBytes(ValidModel());
        StringAssert.Contains(LoadFails(Write("truncated.zip", bytes[..(bytes.Length / 2)])).Message, "corrupted or truncated");
    }

    [TestMethod]
    public void CorruptedEntryIsInvalidData()
    {
        var bytes = File.ReadAllBytes(ValidModel());
        // Flip bytes inside the compressed data of the first entries; the central directory stays readable.
        for (int i = 200; i < 260; i++)
            bytes[i] ^= 0x5A;
        LoadFails(Write("corrupted.zip", bytes));
    }

    [TestMethod]
    public void EmptyAndRandomFilesAreInvalidData()
    {
        StringAssert.Contains(LoadFails(Write("empty.zip", [])).Message, "empty");
        var random = new byte[4096];
        new Random(3).NextBytes(random);
        LoadFails(Write("random.zip", random));
    }

    [TestMethod]
    [DataRow("../escape.txt")]
    [DataRow("Model/../../escape.txt")]
    [DataRow("/etc/escape.txt")]
    public void EntriesPointingOutsideTheArchiveAreRefused(string entryName)
    {
        var path = Path.Combine(Folder, "unsafe-" + Math.Abs(entryName.GetHashCode()) + ".zip");
        File.Copy(ValidModel(), path, overwrite: true);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            using var writer = new StreamWriter(zip.CreateEntry(entryName).Open());
            writer.Write("not part of a model");
        }

        StringAssert.Contains(LoadFails(path).Message, "points outside the archive");
        Assert.IsFalse(File.Exists(Path.Combine(Folder, "..", "escape.txt")));
    }

    [TestMethod]
    public void UnpackedSizeIsBounded()
    {
        StringAssert.Contains(LoadFails(ValidModel(), maximumBytes: 1000).Message, "more than 1000 bytes");
    }

    [TestMethod]
    public void ArchiveWithoutAnRnnModelIsNamed()
    {
        var path = Path.Combine(Folder, "other.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("hello");
        }

        var error = Assert.Throws<InvalidDataException>(() => RnnModelFile.LoadTransformer(new MLContext(), path));
        StringAssert.Contains(error.Message, "contains no model saved by Rnn.MLNet");
        LoadFails(path);
    }
}
