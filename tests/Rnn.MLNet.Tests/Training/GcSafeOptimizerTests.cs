using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rnn.MLNet.Tests;

/// <summary>
/// The optimizers the trainer uses follow TorchSharp's (PyTorch's) updates exactly and survive a garbage collector
/// running on another thread. TorchSharp 0.107's own Adam fails that second check within a few hundred steps on the
/// same harness ("Unknown scalar type" from libtorch: an implicitly converted scalar finalized mid-call).
/// </summary>
[TestClass]
public sealed class GcSafeOptimizerTests
{
    public static IEnumerable<object[]> Optimizers =>
    [
        [RnnOptimizer.Adam, 0f],
        [RnnOptimizer.Adam, 0.01f],
        [RnnOptimizer.Sgd, 0f],
        [RnnOptimizer.Sgd, 0.01f],
    ];

    [TestMethod]
    [DynamicData(nameof(Optimizers))]
    public void StepsMatchTorchSharpsOptimizer(RnnOptimizer kind, float weightDecay)
    {
        TorchRuntime.EnsureLoaded();
        var options = new RnnTrainerOptions { Optimizer = kind, LearningRate = 0.01f, WeightDecay = weightDecay, Momentum = 0.9f };
        using var scope = NewDisposeScope();
        torch.manual_seed(3);
        var start = torch.randn(5, 4);
        var ours = new Parameter(start.clone());
        var theirs = new Parameter(start.clone());
        var safe = OptimizerFactory.Create(options, [ours]);
        optim.Optimizer reference = kind switch
        {
            RnnOptimizer.Sgd => optim.SGD([theirs], options.LearningRate, momentum: options.Momentum, weight_decay: weightDecay),
            _ when weightDecay > 0 => optim.AdamW([theirs], options.LearningRate, weight_decay: weightDecay),
            _ => optim.Adam([theirs], options.LearningRate),
        };
        Assert.AreNotEqual(reference.GetType(), safe.GetType());
        for (int step = 0; step < 25; step++)
        {
            var gradient = torch.randn(5, 4);
            ours.grad = gradient.clone();
            theirs.grad = gradient.clone();
            safe.step();
            reference.step();
        }

        var difference = (ours - theirs).abs().max().item<float>();
        Assert.IsTrue(difference < 1e-6f, $"{kind} (decay {weightDecay}) differs from TorchSharp's by {difference}");
        Assert.IsTrue((ours - start).abs().max().item<float>() > 1e-3f, "the parameter moved");
    }

    [TestMethod]
    [DynamicData(nameof(Optimizers))]
    public void StepsSurviveAGarbageCollectorOnAnotherThread(RnnOptimizer kind, float weightDecay)
    {
        TorchRuntime.EnsureLoaded();
        var options = new RnnTrainerOptions { Optimizer = kind, LearningRate = 1e-3f, WeightDecay = weightDecay, Momentum = 0.9f };
        // Many small parameters: many native calls, each with scalar arguments, per step.
        var parameters = Enumerable.Range(0, 32).Select(_ => new Parameter(torch.randn(8, 8))).ToArray();
        var optimizer = OptimizerFactory.Create(options, parameters);
        int steps = WhileCollecting(TimeSpan.FromSeconds(1.5), () =>
        {
            // The scope roots every tensor wrapper made here: an unrooted temporary could itself be finalized mid-call.
            using var scope = NewDisposeScope();
            foreach (var parameter in parameters)
                parameter.grad = torch.randn(8, 8);

            optimizer.step();
        });
        Assert.IsTrue(steps >= 1);
        using var check = NewDisposeScope();
        Assert.IsTrue(parameters.All(parameter => torch.isfinite(parameter).all().item<bool>()));
    }

    /// <summary>Runs <paramref name="step"/> repeatedly for <paramref name="duration"/> while another thread collects garbage.</summary>
    internal static int WhileCollecting(TimeSpan duration, Action step)
    {
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect(0);
                GC.WaitForPendingFinalizers();
            }
        })
        { IsBackground = true };
        collector.Start();
        int steps = 0;
        try
        {
            for (var clock = Stopwatch.StartNew(); clock.Elapsed < duration; steps++)
                step();
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }

        return steps;
    }
}
