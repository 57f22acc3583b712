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
    [DataRow(2, 9, true, DisplayName = "lengths 2..9: grouping changes the batches")]
    [DataRow(5, 5, false, DisplayName = "all 5 steps: grouping has nothing to do")]
    public void GroupByLengthChangesTrainingOnlyWhenLengthsDiffer(int minSteps, int maxSteps, bool differs)
    {
        var mlContext = new MLContext(seed: 1);
        var (train, test) = TestPipelines.KeyedSplit(mlContext, trainRows: 96, testRows: 16, minSteps, maxSteps);
        float[] ScoresAfterFit(bool group)
        {
            var options = SyntheticSequences.FastOptions(RnnCellType.Gru);
            options.Epochs = 2;
            options.GroupByLength = group;
            using var model = new RnnTrainer(mlContext, options).Fit(train);
            return TestPipelines.Scores(model.Transform(test));
        }

        var grouped = ScoresAfterFit(group: true);
        var random = ScoresAfterFit(group: false);

        CollectionAssert.AreEqual(grouped, ScoresAfterFit(group: true), "grouped training is reproducible from the seed");
        Assert.AreEqual(differs, !grouped.SequenceEqual(random));
    }

    [TestMethod]
    [DataRow(false, DisplayName = "one class per row")]
    [DataRow(true, DisplayName = "one tag per step")]
    public void TransformScoresRowsSortedByLengthYetKeepsTheirOrder(bool perStep)
    {
        // Batches of 4 read 8 at a time: 70 rows of 1..20 steps make 3 blocks, each scored in batches sorted by length.
        var mlContext = new MLContext(seed: 1);
        var trainRows = SyntheticTagging.Generate(40, seed: 1);
        var testRows = SyntheticTagging.Generate(70, seed: 2, maxLength: 20);
        var keys = SyntheticTagging.Keys(mlContext, mlContext.Data.LoadFromEnumerable(trainRows), perStep ? "Tags" : "Topic");
        var options = SyntheticTagging.TaggerOptions(embeddingSize: 4);
        options.Task = perStep ? SequenceTask.Labeling : SequenceTask.Classification;
        options.Epochs = 2;
        options.ScoringBatchSize = 4;
        using var model = new RnnTrainer(mlContext, options).Fit(keys.Transform(mlContext.Data.LoadFromEnumerable(trainRows)));
        float[] Scores(IEnumerable<TaggedRow> rows) => TestPipelines.Scores(model.Transform(keys.Transform(mlContext.Data.LoadFromEnumerable(rows))));

        var together = Scores(testRows);

        var alone = testRows.SelectMany(row => Scores([row])).ToArray();
        Assert.AreEqual(alone.Length, together.Length);
        for (int i = 0; i < alone.Length; i++)
            Assert.AreEqual(alone[i], together[i], 1e-6, $"score {i}");
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
