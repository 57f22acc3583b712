using Google.Protobuf;
using Rnn.Onnx.Protos;
using Rnn.Onnx.Tests.Support;

namespace Rnn.Onnx.Tests;

/// <summary>Files that are not our models give managed exceptions that name the file and the problem.</summary>
[TestClass]
public sealed class BadModelTests
{
    private static byte[] ValidModel(OnnxExportOptions? options = null) =>
        RnnOnnxExporter.ToBytes(RandomNetworks.Create(RnnCellType.Lstm, 2, true, seed: 91), options);

    [TestMethod]
    public void GarbageFile()
    {
        var garbage = new byte[1000];
        new Random(92).NextBytes(garbage);
        using var file = new TempFile(garbage);
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => new RnnOnnxScorer(file.Path));
        StringAssert.Contains(ex.Message, file.Path);
    }

    [TestMethod]
    public void EmptyFile()
    {
        using var file = new TempFile([]);
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => new RnnOnnxScorer(file.Path));
        StringAssert.Contains(ex.Message, file.Path);
        StringAssert.Contains(ex.Message, "empty");
    }

    [TestMethod]
    public void TruncatedFile()
    {
        var bytes = ValidModel();
        using var file = new TempFile(bytes.AsSpan(0, bytes.Length / 2).ToArray());
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => new RnnOnnxScorer(file.Path));
        StringAssert.Contains(ex.Message, file.Path);
    }

    [TestMethod]
    public void MissingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-model-{Guid.NewGuid():N}.onnx");
        var ex = Assert.ThrowsExactly<FileNotFoundException>(() => new RnnOnnxScorer(path));
        Assert.AreEqual(path, ex.FileName);
    }

    [TestMethod]
    public void GarbageAndEmptyBytes()
    {
        Assert.ThrowsExactly<InvalidDataException>(() => RnnOnnxScorer.FromBytes([1, 2, 3, 4, 5, 6, 7, 8]));
        Assert.ThrowsExactly<InvalidDataException>(() => RnnOnnxScorer.FromBytes([]));
    }

    [TestMethod]
    public void ModelWithoutOurMetadata()
    {
        var model = ModelProto.Parser.ParseFrom(ValidModel());
        model.MetadataProps.Clear();
        using var file = new TempFile(model.ToByteArray());
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => new RnnOnnxScorer(file.Path));
        StringAssert.Contains(ex.Message, file.Path);
        StringAssert.Contains(ex.Message, RnnOnnxMetadata.FormatVersion);
    }

    [TestMethod]
    public void ModelWithOneStandardKeyMissingOrMalformed()
    {
        var model = ModelProto.Parser.ParseFrom(ValidModel());
        var withoutClasses = model.Clone();
        withoutClasses.MetadataProps.Remove(withoutClasses.MetadataProps.Single(p => p.Key == RnnOnnxMetadata.ClassNames));
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() =>
            RnnOnnxScorer.FromBytes(withoutClasses.ToByteArray())).Message, RnnOnnxMetadata.ClassNames);

        var badSize = model.Clone();
        badSize.MetadataProps.Single(p => p.Key == RnnOnnxMetadata.InputSize).Value = "three";
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => RnnOnnxScorer.FromBytes(badSize.ToByteArray()));
        StringAssert.Contains(ex.Message, "'three'");

        var wrongSize = model.Clone();
        wrongSize.MetadataProps.Single(p => p.Key == RnnOnnxMetadata.InputSize).Value = "4";
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() =>
            RnnOnnxScorer.FromBytes(wrongSize.ToByteArray())).Message, "'input'");

        var newer = model.Clone();
        newer.MetadataProps.Single(p => p.Key == RnnOnnxMetadata.FormatVersion).Value = $"{RnnOnnxMetadata.CurrentFormatVersion + 1}";
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() =>
            RnnOnnxScorer.FromBytes(newer.ToByteArray())).Message, $"format version {RnnOnnxMetadata.CurrentFormatVersion + 1}");

        var badPooling = model.Clone();
        badPooling.MetadataProps.Add(new StringStringEntryProto { Key = RnnOnnxMetadata.Pooling, Value = "median" });
        ex = Assert.ThrowsExactly<InvalidDataException>(() => RnnOnnxScorer.FromBytes(badPooling.ToByteArray()));
        StringAssert.Contains(ex.Message, "'median'");
        StringAssert.Contains(ex.Message, "last, max or mean");
    }

    [TestMethod]
    public void SingleRowModelIsRefusedByTheScorer()
    {
        using var file = new TempFile(ValidModel(new OnnxExportOptions { Layout = OnnxInputLayout.SingleRow }));
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => new RnnOnnxScorer(file.Path));
        StringAssert.Contains(ex.Message, file.Path);
        StringAssert.Contains(ex.Message, "single_row");
        StringAssert.Contains(ex.Message, "Batched");
    }
}
