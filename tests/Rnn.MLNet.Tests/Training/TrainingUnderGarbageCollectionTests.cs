using Microsoft.ML;

namespace Rnn.MLNet.Tests;

/// <summary>
/// Whole training runs while another thread collects garbage, as a progress display or a web server does: every
/// native call that training makes must keep its arguments reachable (see <c>StepScalars</c>).
/// </summary>
[TestClass]
public sealed class TrainingUnderGarbageCollectionTests
{
    [TestMethod]
    [DataRow(RnnOptimizer.Adam)]
    [DataRow(RnnOptimizer.Sgd)]
    public void ClassifierTrainsWhileAnotherThreadCollects(RnnOptimizer optimizer)
    {
        var ml = new MLContext(seed: 1);
        var options = SyntheticSequences.FastOptions();
        options.Optimizer = optimizer;
        options.Epochs = 3;
        options.BatchSize = 8;
        var raw = SyntheticSequences.Load(ml, SyntheticSequences.Generate(96, 4, 12, seed: 3));
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(raw).Transform(raw);
        options.ValidationSet = data;
        int fits = GcSafeOptimizerTests.WhileCollecting(TimeSpan.FromSeconds(1), () =>
        {
            using var model = new RnnTrainer(ml, options).Fit(data);
        });
        Assert.IsTrue(fits >= 1);
    }

    [TestMethod]
    public void SequenceLabelerTrainsWhileAnotherThreadCollects()
    {
        var ml = new MLContext(seed: 1);
        var raw = ml.Data.LoadFromEnumerable(SyntheticTagging.Generate(96, seed: 1));
        var data = SyntheticTagging.Keys(ml, raw).Transform(raw);
        var options = SyntheticTagging.TaggerOptions(embeddingSize: 4);
        options.Epochs = 3;
        options.ValidationSet = data;
        int fits = GcSafeOptimizerTests.WhileCollecting(TimeSpan.FromSeconds(1), () =>
        {
            using var model = ml.Rnn().SequenceLabeling(options).Fit(data);
        });
        Assert.IsTrue(fits >= 1);
    }

    [TestMethod]
    public void ForecasterWithQuantilesTrainsWhileAnotherThreadCollects()
    {
        var ml = new MLContext(seed: 1);
        var rows = SyntheticPanel.Generate(60);
        int fits = GcSafeOptimizerTests.WhileCollecting(TimeSpan.FromSeconds(1), () =>
        {
            using var forecaster = ml.Rnn().Forecaster(SyntheticPanel.Options(window: 12, horizon: 3, quantiles: [0.1f, 0.5f, 0.9f], epochs: 3))
                .Fit(SyntheticPanel.Load(ml, rows));
        });
        Assert.IsTrue(fits >= 1);
    }
}
