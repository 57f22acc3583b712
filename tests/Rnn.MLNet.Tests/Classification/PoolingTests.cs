using Microsoft.ML;
using Rnn.Onnx;

namespace Rnn.MLNet.Tests;

/// <summary>Max and mean pooling heads: they learn, and every way of scoring a trained model gives the same answers.</summary>
[TestClass]
public sealed class PoolingTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(RnnPooling.Max, "max")]
    [DataRow(RnnPooling.Mean, "mean")]
    public void PooledClassifierTrainsExportsSavesAndReloads(RnnPooling pooling, string metadataName)
    {
        var ml = new MLContext(seed: 1);
        // Variable lengths, so padding would change a pooled answer if it leaked in.
        var train = SyntheticSequences.Load(ml, SyntheticSequences.Generate(192, 1, 9, seed: 31));
        var testRows = SyntheticSequences.Generate(80, 1, 9, seed: 32);
        var test = SyntheticSequences.Load(ml, testRows);
        var options = SyntheticSequences.FastOptions(RnnCellType.Gru);
        options.Bidirectional = true;
        options.Pooling = pooling;
        var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(new RnnTrainer(ml, options)).Fit(train);
        var rnn = model.LastTransformer;
        Assert.AreEqual(Enum.Parse<RnnPooling>(pooling.ToString()), rnn.Network.Pooling);

        var accuracy = ml.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy;
        Assert.IsTrue(accuracy >= 0.75, $"{pooling} pooling reached only {accuracy:P1} on the sum task");

        string folder = Scratch.Folder(TestContext);
        string onnx = Path.Combine(folder, $"{pooling}.onnx");
        rnn.ExportOnnx(onnx);
        using var scorer = new RnnOnnxScorer(onnx);
        Assert.AreEqual(metadataName, scorer.Metadata[RnnOnnxMetadata.Pooling]);
        Assert.AreEqual("2", scorer.Metadata[RnnOnnxMetadata.FormatVersion]);
        Assert.AreEqual(rnn.Network.Pooling, RnnOnnxImporter.Read(File.ReadAllBytes(onnx)).Network.Pooling);

        string zip = Path.Combine(folder, $"{pooling}.zip");
        ml.Model.Save(model, train.Schema, zip);
        var reloaded = RnnModelFile.Load(new MLContext(), zip, out _);

        var expected = Scores(ml, model.Transform(test));
        var fromZip = Scores(ml, reloaded.Transform(test));
        var fromScorer = scorer.ScoreBatch([.. testRows.Select(r => r.Features)]);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(expected[i].PredictedLabel, fromZip[i].PredictedLabel, $"row {i}: saved model");
            Assert.AreEqual((int)expected[i].PredictedLabel - 1, fromScorer[i].PredictedIndex, $"row {i}: RnnOnnxScorer");
            for (int c = 0; c < expected[i].Score.Length; c++)
            {
                Assert.AreEqual(expected[i].Score[c], fromZip[i].Score[c], 1e-5, $"row {i} Score[{c}]: saved model (single-row graph)");
                Assert.AreEqual(expected[i].Score[c], fromScorer[i].Probabilities[c], 1e-6, $"row {i} Score[{c}]: RnnOnnxScorer");
            }
        }
    }

    [TestMethod]
    public void LastStateModelsKeepFormatVersionOne()
    {
        var ml = new MLContext(seed: 1);
        var train = SyntheticSequences.Load(ml, SyntheticSequences.Generate(64, 1, 5, seed: 3));
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(new RnnTrainer(ml, options)).Fit(train);
        using var scorer = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(model.LastTransformer.Network));
        Assert.AreEqual("1", scorer.Metadata[RnnOnnxMetadata.FormatVersion]);
        Assert.IsFalse(scorer.Metadata.ContainsKey(RnnOnnxMetadata.Pooling));
    }

    private static ScoredSequence[] Scores(MLContext ml, IDataView scored) =>
        [.. ml.Data.CreateEnumerable<ScoredSequence>(scored, reuseRowObject: false)];
}
