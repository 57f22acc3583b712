using Google.Protobuf;
using Microsoft.ML;

namespace Rnn.MLNet.Tests;

/// <summary>RnnTransformer.Quantization: Transform scores the 8-bit graph, the exports write it, and a bad value is refused.</summary>
[TestClass]
public sealed class QuantizedScoringTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void QuantizationSwitchesWhatTransformScoresAndWhatExportWrites()
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = TestPipelines.KeyedSplit(ml, trainRows: 96, maxSteps: 6);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 2;
        using var model = ml.MulticlassClassification.Trainers.Rnn(options).Fit(train);
        Assert.AreEqual(OnnxQuantization.None, model.Quantization);
        var floats = ml.Data.CreateEnumerable<ScoredSequence>(model.Transform(test), false).ToList();
        using var cursorBefore = model.Transform(test).GetRowCursor(model.Transform(test).Schema);

        model.Quantization = OnnxQuantization.DynamicInt8;
        Assert.AreEqual(OnnxQuantization.DynamicInt8, model.Quantization);
        Assert.IsTrue(cursorBefore.MoveNext(), "a cursor opened before the switch still scores");
        var int8 = ml.Data.CreateEnumerable<ScoredSequence>(model.Transform(test), false).ToList();
        double worst = 0;
        int agree = 0;
        for (int i = 0; i < floats.Count; i++)
        {
            worst = Math.Max(worst, floats[i].Score.Zip(int8[i].Score, (a, b) => Math.Abs(a - b)).Max());
            agree += floats[i].PredictedLabel == int8[i].PredictedLabel ? 1 : 0;
        }

        TestContext.WriteLine($"{floats.Count} rows: max |int8 − float| = {worst:E2}, {agree} predicted labels agree");
        Assert.IsTrue(worst is > 0 and <= 0.03, $"{worst:E3}: the 8-bit graph is scored, within the stated tolerance");

        using var exported = new MemoryStream();
        model.ExportOnnx(exported);
        var (_, metadata) = RnnOnnxImporter.Read(exported.ToArray());
        Assert.AreEqual("dynamic_int8", metadata[RnnOnnxMetadata.Quantization]);
        Assert.IsTrue(metadata.ContainsKey("mlnet.feature_column"), "the transformer's own metadata comes along");

        model.Quantization = OnnxQuantization.None;
        var again = ml.Data.CreateEnumerable<ScoredSequence>(model.Transform(test), false).ToList();
        for (int i = 0; i < floats.Count; i++)
            CollectionAssert.AreEqual(floats[i].Score, again[i].Score, "back to the float graph");
        using var floatExport = new MemoryStream();
        model.ExportOnnx(floatExport);
        Assert.IsFalse(RnnOnnxImporter.Read(floatExport.ToArray()).Metadata.ContainsKey(RnnOnnxMetadata.Quantization));

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => model.Quantization = (OnnxQuantization)3);
        StringAssert.Contains(error.Message, "RnnTransformer.Quantization is 3");
    }
}
