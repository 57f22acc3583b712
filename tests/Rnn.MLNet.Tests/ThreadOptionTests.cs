using Microsoft.ML;
using TorchSharp;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class ThreadOptionTests
{
    [TestMethod]
    [DataRow(0)]
    [DataRow(-2)]
    public void NumberOfThreadsBelowOneIsRejected(int threads)
    {
        var options = SyntheticSequences.FastOptions();
        options.NumberOfThreads = threads;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RnnTrainer(new MLContext(seed: 1), options));
        StringAssert.Contains(error.Message, $"RnnTrainerOptions.NumberOfThreads is {threads}");
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
        options.NumberOfThreads = 1;
        options.Progress = new Reporter(_ => during.Add(torch.get_num_threads()));

        using var model = new RnnTrainer(mlContext, options).Fit(train);

        Assert.IsTrue(during.Count > 0 && during.All(n => n == 1), $"threads while training: {string.Join(", ", during)}");
        Assert.AreEqual(before, torch.get_num_threads());
    }

    [TestMethod]
    public void NullNumberOfThreadsLeavesLibtorchAlone()
    {
        Assert.IsNull(new RnnTrainerOptions().NumberOfThreads);
        var mlContext = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(mlContext, trainRows: 32);
        TorchRuntime.EnsureLoaded();
        int before = torch.get_num_threads();
        var during = new List<int>();
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        options.Progress = new Reporter(_ => during.Add(torch.get_num_threads()));

        using var model = new RnnTrainer(mlContext, options).Fit(train);

        Assert.IsTrue(during.All(n => n == before));
    }

    private sealed class Reporter(Action<RnnTrainingProgress> report) : IProgress<RnnTrainingProgress>
    {
        public void Report(RnnTrainingProgress value) => report(value);
    }
}
