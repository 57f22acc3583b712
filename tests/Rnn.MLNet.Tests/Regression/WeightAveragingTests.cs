using Microsoft.ML;

namespace Rnn.MLNet.Tests;

/// <summary>
/// <see cref="RnnTrainerOptions.AveragedEpochs"/>: the fitted weights are the mean of the last epochs' weights, and a run resumed
/// from a checkpoint inside the averaging window ends exactly as an uninterrupted one.
/// </summary>
[TestClass]
public sealed class WeightAveragingTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void FittedWeightsAreTheMeanOfTheLastEpochs()
    {
        var ml = new MLContext(seed: 1);
        var data = SyntheticRegression.Scalar(ml, 96, seed: 41);
        // Same seed and data: a run of k epochs is the first k epochs of a longer run.
        float[] HeadAfter(int epochs, int averaged = 0)
        {
            var options = SyntheticRegression.FastOptions();
            options.Epochs = epochs;
            options.AveragedEpochs = averaged;
            using var model = ml.Regression.Trainers.Rnn(options).Fit(data);
            return model.Network.Head.Weights.ToArray();
        }

        var e4 = HeadAfter(4);
        var e5 = HeadAfter(5);
        var e6 = HeadAfter(6);
        var averaged = HeadAfter(6, averaged: 3);
        Assert.IsTrue(e4.Zip(e6).Any(p => Math.Abs(p.First - p.Second) > 1e-3), "the epochs differ, so the average is not trivially any one of them");
        for (int i = 0; i < averaged.Length; i++)
            Assert.AreEqual((e4[i] + e5[i] + e6[i]) / 3, averaged[i], 1e-5, $"head weight {i}");
        CollectionAssert.AreEqual(e6, HeadAfter(6, averaged: 1), "averaging one epoch keeps the last one's weights");
    }

    [TestMethod]
    public void RunResumedInsideTheAveragingWindowEndsAsAnUninterruptedOne()
    {
        var ml = new MLContext(seed: 1);
        var data = SyntheticRegression.Scalar(ml, 96, seed: 42);
        RnnTrainerOptions Options(string folder)
        {
            var options = SyntheticRegression.FastOptions();
            options.Epochs = 6;
            options.AveragedEpochs = 3;
            options.CheckpointDirectory = folder;
            return options;
        }

        using var uninterrupted = ml.Regression.Trainers.Rnn(Options(Scratch.Folder(TestContext))).Fit(data);

        // Cancelled as epoch 5 ends (its checkpoint, holding the average of epochs 4 and 5, is written), then resumed.
        string folder = Scratch.Folder(TestContext);
        using var cancel = new CancellationTokenSource();
        var interrupted = Options(folder);
        interrupted.CancellationToken = cancel.Token;
        interrupted.Progress = new SynchronousProgress<RnnTrainingProgress>(p =>
        {
            if (p.IsEpochEnd && p.Epoch == 5)
                cancel.Cancel();
        });
        Assert.ThrowsExactly<OperationCanceledException>(() => ml.Regression.Trainers.Rnn(interrupted).Fit(data));
        using var resumed = ml.Regression.Trainers.Rnn(Options(folder)).Fit(data);

        CollectionAssert.AreEqual(uninterrupted.Network.Head.Weights.ToArray(), resumed.Network.Head.Weights.ToArray());
    }
}
