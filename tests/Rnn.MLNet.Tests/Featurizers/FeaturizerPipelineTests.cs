using Microsoft.ML;
using Microsoft.ML.Data;
using static Rnn.MLNet.Tests.Featurizers.FeaturizerTestKit;

namespace Rnn.MLNet.Tests.Featurizers;

/// <summary>Featurizers in front of the trainer, saved and loaded as one ML.NET pipeline.</summary>
[TestClass]
public sealed class FeaturizerPipelineTests
{
    // 4×3 images, 0…255: the class says whether the bright row is in the top or the bottom half.
    private sealed class ImageRow
    {
        public float[] Pixels { get; set; } = [];

        public string Label { get; set; } = "";
    }

    public TestContext TestContext { get; set; } = null!;

    private static ImageRow[] Images(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            int bright = random.Next(4);
            var pixels = Enumerable.Range(0, 12).Select(i => (float)(i / 3 == bright ? 200 + random.Next(55) : random.Next(60))).ToArray();
            return new ImageRow { Pixels = pixels, Label = bright < 2 ? "top" : "bottom" };
        })];
    }

    [TestMethod]
    public void ImageRowsFeedTheTrainerAndTheWholePipelineRoundTrips()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(Images(96, seed: 3));
        var test = ml.Data.LoadFromEnumerable(Images(32, seed: 4));
        var options = SyntheticSequences.FastOptions(RnnCellType.Gru);
        options.Epochs = 2;
        var pipeline = ml.Transforms.ImageRows("Features", rows: 4, columns: 3, inputColumnName: "Pixels")
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(ml.MulticlassClassification.Trainers.Rnn(options));
        var model = pipeline.Fit(train);

        string path = Path.Combine(Scratch.Folder(TestContext), $"{TestContext.TestName}.zip");
        ml.Model.Save(model, train.Schema, path);
        var loaded = RnnModelFile.Load(new MLContext(), path, out _);

        var expected = model.Transform(test);
        var actual = loaded.Transform(test);
        var expectedScores = Read<float>(expected, "Score");
        var actualScores = Read<float>(actual, "Score");
        for (int i = 0; i < expectedScores.Length; i++)
            for (int j = 0; j < expectedScores[i].Length; j++)
                Assert.AreEqual(expectedScores[i][j], actualScores[i][j], 1e-5f, $"row {i} class {j}");
        CollectionAssert.AreEqual(expected.GetColumn<uint>("PredictedLabel").ToArray(), actual.GetColumn<uint>("PredictedLabel").ToArray());
        foreach (var step in model)
            (step as IDisposable)?.Dispose();
        (loaded as IDisposable)?.Dispose();
    }
}
