using Microsoft.ML;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class VariableLengthTests
{
    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }

    [TestMethod]
    [DataRow(RnnCellType.Lstm, false)]
    [DataRow(RnnCellType.Gru, true)]
    [DataRow(RnnCellType.Tanh, true)]
    public void ARowScoresTheSameAloneAndAmongLongerRows(RnnCellType cell, bool bidirectional)
    {
        // Packed sequences must ignore padding: a short row's score cannot depend on its batch mates.
        var mlContext = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(mlContext, trainRows: 64, minSteps: 1, maxSteps: 9);
        var options = SyntheticSequences.FastOptions(cell);
        options.Epochs = 2;
        options.Bidirectional = bidirectional;
        options.NumLayers = 2;
        using var model = new RnnTrainer(mlContext, options).Fit(train);

        var rows = SyntheticSequences.Generate(40, 1, 9, seed: 5);
        var batched = mlContext.Data.CreateEnumerable<Prediction>(model.Transform(SyntheticSequences.Load(mlContext, rows)), false).ToArray();
        for (int i = 0; i < rows.Length; i++)
        {
            var alone = mlContext.Data.CreateEnumerable<Prediction>(model.Transform(SyntheticSequences.Load(mlContext, [rows[i]])), false).Single();
            for (int c = 0; c < alone.Score.Length; c++)
                Assert.AreEqual(alone.Score[c], batched[i].Score[c], 1e-5, $"row {i} ({rows[i].Features.Length / 3} steps), class {c}");
        }
    }

    [TestMethod]
    public void ScoringBatchesSmallerThanTheDataCoverEveryRow()
    {
        var mlContext = new MLContext(seed: 1);
        var (train, test) = TestPipelines.KeyedSplit(mlContext, trainRows: 64, testRows: 53);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        options.ScoringBatchSize = 8;
        using var model = new RnnTrainer(mlContext, options).Fit(train);

        var scores = mlContext.Data.CreateEnumerable<Prediction>(model.Transform(test), false).ToArray();

        Assert.AreEqual(53, scores.Length);
        Assert.IsTrue(scores.All(s => Math.Abs(s.Score.Sum() - 1) < 1e-5));
    }
}
