using Microsoft.ML;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class CellMatrixTests
{
    public static IEnumerable<object[]> Architectures() =>
        from cell in Enum.GetValues<RnnCellType>()
        from layers in new[] { 1, 2 }
        from bidirectional in new[] { false, true }
        select new object[] { cell, layers, bidirectional };

    [TestMethod]
    [DynamicData(nameof(Architectures))]
    public void EveryArchitectureLearnsAboveChance(RnnCellType cell, int layers, bool bidirectional)
    {
        var mlContext = new MLContext(seed: 1);
        var (train, test) = TestPipelines.KeyedSplit(mlContext);
        var options = SyntheticSequences.FastOptions(cell);
        options.NumLayers = layers;
        options.Bidirectional = bidirectional;
        // ReLU Elman nets blow up at the shared rate; they train stably a little slower.
        if (cell == RnnCellType.Relu)
            options.LearningRate = 0.005f;
        options.GradientClipNorm = 5f;

        using var model = new RnnTrainer(mlContext, options).Fit(train);
        double accuracy = TestPipelines.Accuracy(mlContext, model, test);

        Console.WriteLine($"{cell} x{layers} {(bidirectional ? "bi" : "uni")}: test accuracy {accuracy:F3}");
        // Three balanced classes: chance is about 0.33.
        Assert.IsTrue(accuracy > 0.6, $"{cell} x{layers} bidirectional={bidirectional} reached only {accuracy:F3}.");
    }
}
