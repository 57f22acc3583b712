using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class ThreadOptionTests
{
    [TestMethod]
    [DataRow(0)]
    [DataRow(-2)]
    public void IntraOpNumThreadsBelowOneIsRejected(int threads)
    {
        var options = SyntheticSequences.FastOptions();
        options.IntraOpNumThreads = threads;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RnnTrainer(new MLContext(seed: 1), options));
        StringAssert.Contains(error.Message, $"RnnTrainerOptions.IntraOpNumThreads is {threads}");
    }

    [TestMethod]
    public void FitUsesTheGivenThreadsAndRestoresLibtorchsCount()
    {
        var mlContext = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(mlContext, trainRows: 64);
        TorchRuntime.EnsureLoaded();
        int before = torch.get_num_threads();
        var during = new List<int>();
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        options.IntraOpNumThreads = 1;
        options.Progress = new SynchronousProgress<RnnTrainingProgress>(_ => during.Add(torch.get_num_threads()));

        using var model = new RnnTrainer(mlContext, options).Fit(train);

        Assert.IsTrue(during.Count > 0 && during.All(n => n == 1), $"threads while training: {string.Join(", ", during)}");
        Assert.AreEqual(before, torch.get_num_threads());
    }

    [TestMethod]
    public void NullIntraOpNumThreadsLeavesLibtorchAlone()
    {
        Assert.IsNull(new RnnTrainerOptions().IntraOpNumThreads);
        var mlContext = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(mlContext, trainRows: 32);
        TorchRuntime.EnsureLoaded();
        int before = torch.get_num_threads();
        var during = new List<int>();
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        options.Progress = new SynchronousProgress<RnnTrainingProgress>(_ => during.Add(torch.get_num_threads()));

        using var model = new RnnTrainer(mlContext, options).Fit(train);

        Assert.IsTrue(during.All(n => n == before));
    }

    [TestMethod]
    public void IntraOpNumThreadsScoresAlikeAndKeepsOpenCursorsWorking()
    {
        var mlContext = new MLContext(seed: 1);
        var (train, test) = TestPipelines.KeyedSplit(mlContext, trainRows: 64, testRows: 40);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        options.ScoringBatchSize = 16;
        using var model = new RnnTrainer(mlContext, options).Fit(train);
        Assert.IsNull(model.IntraOpNumThreads);
        var before = TestPipelines.Scores(model.Transform(test));

        // A cursor opened before the change goes on scoring (later batches use the new session).
        var scored = model.Transform(test);
        using var cursor = scored.GetRowCursor([scored.Schema["Score"]]);
        var getter = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
        VBuffer<float> value = default;
        Assert.IsTrue(cursor.MoveNext());
        model.IntraOpNumThreads = 1;
        int rows = 1;
        while (cursor.MoveNext())
        {
            getter(ref value);
            rows++;
        }

        Assert.AreEqual(40, rows);
        Assert.AreEqual(1, model.IntraOpNumThreads);
        var after = TestPipelines.Scores(model.Transform(test));
        Assert.AreEqual(before.Length, after.Length);
        for (int i = 0; i < before.Length; i++)
            Assert.AreEqual(before[i], after[i], 1e-5f, $"score {i}");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.IntraOpNumThreads = 0);
        StringAssert.Contains(error.Message, "RnnTransformer.IntraOpNumThreads is 0");
        model.IntraOpNumThreads = null;
        Assert.IsNull(model.IntraOpNumThreads);
    }

}
