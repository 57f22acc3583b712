using Microsoft.ML;

namespace Rnn.MLNet.Tests;

/// <summary>RnnTransformer.ExportTritonModel writes the transformer's own batched graph into a Triton model repository.</summary>
[TestClass]
public sealed class TritonExportTests
{
    [TestMethod]
    public void TransformerExportsItsGraphWithConfigAndLabels()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(ml, trainRows: 16, testRows: 4);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        using var model = ml.MulticlassClassification.Trainers.Rnn(options).Fit(train);
        var repository = Directory.CreateTempSubdirectory("rnn-mlnet-triton-").FullName;
        try
        {
            var folder = model.ExportTritonModel(repository, "classifier", new Rnn.Onnx.TritonExportOptions { Version = 3 });
            using var onnx = new MemoryStream();
            model.ExportOnnx(onnx);
            CollectionAssert.AreEqual(onnx.ToArray(), File.ReadAllBytes(Path.Combine(folder, "3", "model.onnx")));
            CollectionAssert.AreEqual(model.ClassNames.ToArray(), File.ReadAllLines(Path.Combine(folder, "labels.txt")));
            StringAssert.Contains(File.ReadAllText(Path.Combine(folder, "config.pbtxt")), "name: \"classifier\"");
        }
        finally
        {
            Directory.Delete(repository, recursive: true);
        }
    }
}
