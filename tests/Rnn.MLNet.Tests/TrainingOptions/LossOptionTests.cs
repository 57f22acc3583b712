using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet.Tests;

/// <summary>Weight decay, class weights and label smoothing change the update and the loss exactly as documented.</summary>
[TestClass]
public sealed class LossOptionTests
{
    [TestMethod]
    public void AdamWeightDecayIsDecoupledFromTheGradient()
    {
        // A zero gradient leaves Adam's own update at zero, so one step shows the decay alone: w ← w (1 − lr λ).
        // Coupled (L2) decay would instead feed λw through Adam's normalisation and move w by about lr.
        var after = OneStep(new RnnTrainerOptions { LearningRate = 0.1f, WeightDecay = 0.5f }, weight: 2f, gradient: 0f);
        Assert.AreEqual(2f * (1 - 0.1f * 0.5f), after, 1e-6f);
        Assert.AreEqual(2f, OneStep(new RnnTrainerOptions { LearningRate = 0.1f }, weight: 2f, gradient: 0f), 1e-6f, "no decay without the option");
    }

    [TestMethod]
    public void SgdWeightDecayIsTheClassicL2Term()
    {
        var options = new RnnTrainerOptions { Optimizer = RnnOptimizer.Sgd, LearningRate = 0.1f, WeightDecay = 0.5f };
        // w ← w − lr (g + λ w) = 2 − 0.1 (0.3 + 1) = 1.87.
        Assert.AreEqual(1.87f, OneStep(options, weight: 2f, gradient: 0.3f), 1e-6f);
    }

    [TestMethod]
    public void ClassWeightsMakeTheLossTheWeightedMean()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 2, 0, 0, 0, 1, 0, 0, 0, 3 }, [3, 3]);
        var targets = tensor(new long[] { 0, 2, 2 });
        var perRow = Enumerable.Range(0, 3).Select(i => -logits[i].log_softmax(0)[targets[i]].item<float>()).ToArray();
        float[] weights = [1f, 1f, 4f];

        using var loss = new ClassificationLoss(weights, labelSmoothing: 0, CPU);
        float expected = (1 * perRow[0] + 4 * perRow[1] + 4 * perRow[2]) / (1 + 4 + 4);
        Assert.AreEqual(expected, loss.Training(logits, targets).item<float>(), 1e-6f);
        Assert.AreEqual(perRow.Average(), ClassificationLoss.Plain(logits, targets).item<float>(), 1e-6f, "validation stays unweighted");
    }

    [TestMethod]
    public void LabelSmoothingLossValue()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 2, 0, -1, 0.5f, 0.5f, 1 }, [2, 3]);
        var targets = tensor(new long[] { 0, 2 });
        const float epsilon = 0.2f;
        // (1 − ε) × cross-entropy + ε × mean over classes of −log p, averaged over rows.
        double expected = Enumerable.Range(0, 2).Average(i =>
        {
            var logp = logits[i].log_softmax(0).data<float>().ToArray();
            return (1 - epsilon) * -logp[targets[i].item<long>()] + epsilon * -logp.Average();
        });

        using var loss = new ClassificationLoss(null, epsilon, CPU);
        Assert.AreEqual(expected, loss.Training(logits, targets).item<float>(), 1e-6);
    }

    [TestMethod]
    public void BalancedWeightsComeFromTheTrainingCounts()
    {
        var balanced = RnnClassWeights.Balanced.Resolve(["a", "b", "c"], () => [6, 2, 0]);
        // N / (C × count): 8 / (3 × 6), 8 / (3 × 2); an absent class weighs 1.
        CollectionAssert.AreEqual(new[] { 8f / 18, 8f / 6, 1f }, balanced);

        var named = RnnClassWeights.FromClassNames(new Dictionary<string, float> { ["spam"] = 3f }).Resolve(["ham", "spam"], () => throw new InvalidOperationException("no counts needed"));
        CollectionAssert.AreEqual(new[] { 1f, 3f }, named);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            RnnClassWeights.FromClassNames(new Dictionary<string, float> { ["spma"] = 3f }).Resolve(["ham", "spam"], () => []));
        StringAssert.Contains(error.Message, "\"spma\"");
        Assert.Throws<ArgumentOutOfRangeException>(() => RnnClassWeights.FromClassNames(new Dictionary<string, float> { ["x"] = 0f }));
    }

    [TestMethod]
    public void BalancedWeightsLiftTheRareClassInTraining()
    {
        var ml = new MLContext(seed: 1);
        // Three of four rows are class0: the balanced loss weighs the rare classes up and is logged.
        var rows = SyntheticSequences.Generate(200, 2, 5, seed: 3).Where((r, i) => r.Label != "class0" ? i % 4 == 0 : true).ToArray();
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(SyntheticSequences.Load(ml, rows)).Transform(SyntheticSequences.Load(ml, rows));
        var log = new List<string>();
        ml.Log += (_, e) => { lock (log) log.Add(e.Message); };
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        options.ClassWeights = RnnClassWeights.Balanced;

        using var model = ml.MulticlassClassification.Trainers.Rnn(options).Fit(data);

        var line = log.Single(m => m.Contains("Class weights (Balanced)", StringComparison.Ordinal));
        var counts = rows.GroupBy(r => r.Label).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (label, count) in counts)
            StringAssert.Contains(line, $"{label} {(float)rows.Length / (counts.Count * count):G4}");
    }

    private static float OneStep(RnnTrainerOptions options, float weight, float gradient)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var parameter = new TorchSharp.Modules.Parameter(tensor(new[] { weight }));
        var optimizer = OptimizerFactory.Create(options, [parameter]);
        parameter.grad = tensor(new[] { gradient });
        optimizer.step();
        return parameter.detach().item<float>();
    }
}
