using Microsoft.ML;

namespace Rnn.MLNet.Tests;

/// <summary>RnnTrainerOptions.CancellationToken stops Fit within a batch and keeps the checkpoints of completed epochs.</summary>
[TestClass]
public sealed class CancellationTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void CancelledFitStopsWithinABatchKeepsTheLastCheckpointAndResumesExactly()
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = TestPipelines.KeyedSplit(ml, trainRows: 256, testRows: 32);
        string folder = Scratch.Folder(TestContext);
        using var cancel = new CancellationTokenSource();
        int batchesAfterCancel = 0;
        var options = Options(folder);
        options.CancellationToken = cancel.Token;
        options.Progress = new SynchronousProgress<RnnTrainingProgress>(p =>
        {
            if (cancel.IsCancellationRequested)
                batchesAfterCancel++;
            // Cancel in the middle of epoch 2.
            if (p.Epoch == 2 && p.RowsSeen == 64 && !p.IsEpochEnd)
                cancel.Cancel();
        });

        Assert.Throws<OperationCanceledException>(() => new RnnTrainer(ml, options).Fit(train));

        Assert.AreEqual(0, batchesAfterCancel, "no batch is trained after the cancellation");
        CollectionAssert.AreEqual(new[] { "epoch-000001.ckpt" }, Directory.GetFiles(folder).Select(Path.GetFileName).ToArray());

        // The next Fit resumes from epoch 1 and ends where an uninterrupted run ends.
        using var resumed = new RnnTrainer(ml, Options(folder)).Fit(train);
        using var uninterrupted = new RnnTrainer(ml, Options(Scratch.Folder(TestContext))).Fit(train);
        CollectionAssert.AreEqual(TestPipelines.Scores(uninterrupted.Transform(test)), TestPipelines.Scores(resumed.Transform(test)));
    }

    [TestMethod]
    public void AnAlreadyCancelledTokenTrainsNothing()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(ml, trainRows: 64, testRows: 8);
        int reports = 0;
        var options = SyntheticSequences.FastOptions();
        options.CancellationToken = new CancellationToken(canceled: true);
        options.Progress = new SynchronousProgress<RnnTrainingProgress>(_ => reports++);

        Assert.Throws<OperationCanceledException>(() => ml.MulticlassClassification.Trainers.Rnn(options).Fit(train));
        Assert.AreEqual(0, reports);
    }

    private static RnnTrainerOptions Options(string checkpoints)
    {
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 3;
        options.CheckpointDirectory = checkpoints;
        return options;
    }
}
