using Microsoft.ML;

namespace Rnn.MLNet.Tests;

/// <summary>Learning-rate schedules: their value in every epoch, what training reports, and exact resumption.</summary>
[TestClass]
public sealed class LearningRateScheduleTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void ScheduleValuesPerEpoch()
    {
        CollectionAssert.AreEqual(new[] { 0.1, 0.1, 0.1, 0.1 }, Rates(RnnLearningRateSchedule.Constant, 4));
        CollectionAssert.AreEqual(new[] { 0.1, 0.1, 0.05, 0.05, 0.025 }, Rates(RnnLearningRateSchedule.StepDecay(2, 0.5f), 5), new Near());
        // Warm-up 0.05, 0.1; then a half cosine from 0.1 (epoch 3) to 0.02 (epoch 5).
        // Warm-up 0.1 × 1/3, × 2/3; then the half cosine over the 3 remaining epochs, reaching 0.02 only after the last.
        CollectionAssert.AreEqual(new[] { 0.1 / 3, 0.2 / 3, 0.1, 0.08, 0.04 }, Rates(RnnLearningRateSchedule.CosineWithWarmup(2, 0.02f), 5), new Near());
        var cosine = Rates(RnnLearningRateSchedule.CosineWithWarmup(), 4);
        CollectionAssert.AreEqual(new[] { 0.1, 0.1 * (0.5 + 0.5 * Math.Cos(Math.PI / 4)), 0.05, 0.1 * (0.5 + 0.5 * Math.Cos(3 * Math.PI / 4)) }, cosine, new Near());
        Assert.IsTrue(cosine[^1] > 0, "the last epoch still learns");
    }

    [TestMethod]
    public void PlateauHalvesAfterPatienceEpochsWithoutImprovementAndStopsAtTheMinimum()
    {
        var schedule = RnnLearningRateSchedule.ReduceOnPlateau(patience: 2, factor: 0.5f, minimumLearningRate: 0.03f);
        double rate = 0.1;
        int stale = 0;
        var rates = new List<double>();
        foreach (bool improved in new[] { true, false, false, true, false, false, false, false })
        {
            rate = schedule.AfterValidation(rate, improved, ref stale);
            rates.Add(rate);
        }

        CollectionAssert.AreEqual(new[] { 0.1, 0.1, 0.05, 0.05, 0.05, 0.03, 0.03, 0.03 }, rates, new Near());
    }

    [TestMethod]
    public void TrainingReportsAndUsesTheScheduledRate()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(ml, trainRows: 64, testRows: 8);
        var reports = new List<RnnTrainingProgress>();
        var log = new List<string>();
        ml.Log += (_, e) => { lock (log) log.Add(e.Message); };
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 4;
        options.LearningRateSchedule = RnnLearningRateSchedule.StepDecay(1, 0.1f);
        options.Progress = new SynchronousProgress<RnnTrainingProgress>(reports.Add);

        using var model = ml.MulticlassClassification.Trainers.Rnn(options).Fit(train);

        var epochRates = reports.Where(r => r.IsEpochEnd).Select(r => r.LearningRate).ToArray();
        CollectionAssert.AreEqual(new[] { 0.02, 0.002, 0.0002, 0.00002 }, epochRates, new Near());
        Assert.IsTrue(reports.Where(r => !r.IsEpochEnd && r.Epoch == 2).All(r => Math.Abs(r.LearningRate - 0.002) < 1e-9), "batch reports carry the epoch's rate");
        Assert.IsTrue(log.Any(m => m.Contains("Epoch 3/4: learning rate 0.0002")), string.Join(Environment.NewLine, log.Where(m => m.Contains("Epoch"))));
    }

    [TestMethod]
    [DataRow("step", DisplayName = "step decay")]
    [DataRow("cosine", DisplayName = "cosine with warm-up")]
    [DataRow("plateau", DisplayName = "reduce on plateau")]
    public void ACancelledRunResumesItsScheduleExactly(string kind)
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = TestPipelines.KeyedSplit(ml, trainRows: 128, testRows: 32);
        string folder = Scratch.Folder(TestContext);
        using var cancel = new CancellationTokenSource();
        var interrupted = Options(kind, test, folder);
        interrupted.CancellationToken = cancel.Token;
        interrupted.Progress = new SynchronousProgress<RnnTrainingProgress>(p =>
        {
            if (p.Epoch == 4 && p.RowsSeen == 32 && !p.IsEpochEnd)
                cancel.Cancel();
        });
        Assert.Throws<OperationCanceledException>(() => new RnnTrainer(ml, interrupted).Fit(train));

        var resumedRates = new List<double>();
        var resumedOptions = Options(kind, test, folder);
        resumedOptions.Progress = new SynchronousProgress<RnnTrainingProgress>(p => { if (p.IsEpochEnd) resumedRates.Add(p.LearningRate); });
        using var resumed = new RnnTrainer(ml, resumedOptions).Fit(train);
        var fullRates = new List<double>();
        var fullOptions = Options(kind, test, Scratch.Folder(TestContext));
        fullOptions.Progress = new SynchronousProgress<RnnTrainingProgress>(p => { if (p.IsEpochEnd) fullRates.Add(p.LearningRate); });
        using var uninterrupted = new RnnTrainer(ml, fullOptions).Fit(train);

        CollectionAssert.AreEqual(fullRates.Skip(3).ToArray(), resumedRates.ToArray(), "the resumed epochs use the uninterrupted run's rates");
        CollectionAssert.AreEqual(TestPipelines.Scores(uninterrupted.Transform(test)), TestPipelines.Scores(resumed.Transform(test)));
    }

    [TestMethod]
    public void PlateauWithoutValidationIsRefused()
    {
        var options = new RnnTrainerOptions { LearningRateSchedule = RnnLearningRateSchedule.ReduceOnPlateau() };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RnnTrainer(new MLContext(), options));
        StringAssert.Contains(error.Message, "RnnTrainerOptions.LearningRateSchedule is ReduceOnPlateau(2, 0.5, 0)");
        StringAssert.Contains(error.Message, "ValidationSet");
        Assert.Throws<ArgumentOutOfRangeException>(() => RnnLearningRateSchedule.StepDecay(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RnnLearningRateSchedule.ReduceOnPlateau(factor: 1f));
    }

    private static RnnTrainerOptions Options(string kind, IDataView validation, string checkpoints)
    {
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 6;
        options.CheckpointDirectory = checkpoints;
        options.LearningRateSchedule = kind switch
        {
            "step" => RnnLearningRateSchedule.StepDecay(2, 0.5f),
            "cosine" => RnnLearningRateSchedule.CosineWithWarmup(2),
            _ => RnnLearningRateSchedule.ReduceOnPlateau(patience: 1, factor: 0.5f),
        };
        if (kind == "plateau")
            options.ValidationSet = validation;
        return options;
    }

    private static double[] Rates(RnnLearningRateSchedule schedule, int epochs) =>
        [.. Enumerable.Range(1, epochs).Select(e => schedule.RateFor(e, epochs, 0.1, 0.1))];

    private sealed class Near : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((double)x! - (double)y!) < 1e-9 ? 0 : ((double)x!).CompareTo((double)y!);
    }
}
