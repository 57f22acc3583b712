using System.Text;
using Microsoft.ML;

namespace Rnn.MLNet.Tests;

/// <summary>Checkpoints written before the recurrent weights moved into one module per layer and direction cannot be read.</summary>
[TestClass]
public sealed class CheckpointLayoutTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void ACheckpointOfTheEarlierWeightLayoutIsRefusedWithAClearError()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(ml, trainRows: 64, testRows: 8);
        string folder = Scratch.Folder(TestContext);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        options.CheckpointDirectory = folder;
        new RnnTrainer(ml, options).Fit(train).Dispose();
        // What the earlier version wrote: the same configuration, without the layout marker.
        string checkpoint = Directory.GetFiles(folder).Single();
        RewriteFingerprint(checkpoint, f => f.Replace(";" + RunFingerprint.RecurrentWeightsLayout, "", StringComparison.Ordinal));

        options.Epochs = 2;
        var error = Assert.Throws<InvalidOperationException>(() => new RnnTrainer(ml, options).Fit(train));

        StringAssert.Contains(error.Message, "different configuration");
        StringAssert.Contains(error.Message, RunFingerprint.RecurrentWeightsLayout);
        StringAssert.Contains(error.Message, folder);
    }

    private static void RewriteFingerprint(string path, Func<string, string> change)
    {
        string magic, fingerprint;
        byte[] rest;
        using (var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8))
        {
            magic = reader.ReadString();
            fingerprint = reader.ReadString();
            rest = reader.ReadBytes((int)(reader.BaseStream.Length - reader.BaseStream.Position));
        }

        Assert.AreNotEqual(fingerprint, change(fingerprint), "the fingerprint carries the layout marker");
        using var writer = new BinaryWriter(File.Create(path), Encoding.UTF8);
        writer.Write(magic);
        writer.Write(change(fingerprint));
        writer.Write(rest);
    }
}
