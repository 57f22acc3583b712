using Microsoft.ML;
using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet.Tests;

/// <summary>
/// The guard checks each recurrent kernel before its first use and routes around a wrong one. On a CPU where libtorch
/// is right, a wrong kernel is injected (<see cref="FaultyKernels"/>); the guard must notice, pick a route that agrees
/// with the step-by-step computation, say so once, and give the outputs a right kernel gives.
/// </summary>
[TestClass]
public sealed class RecurrentKernelGuardTests
{
    private const int Input = 3;
    private const int Hidden = 5;

    public static IEnumerable<object[]> Cells() => Enum.GetValues<RnnCellType>().Select(c => new object[] { c });

    [TestMethod]
    [DynamicData(nameof(Cells))]
    public void LibTorchsKernelsHereAgreeWithTheStepByStepComputationOrAreRerouted(RnnCellType cell)
    {
        var guard = new RecurrentKernelGuard(LibTorchKernels.Instance, RecurrentKernelMode.Checked);
        using var network = Network(cell, bidirectional: true, guard);
        var (inputs, lengths) = Batch();
        foreach (bool gradients in new[] { false, true })
        {
            using var scope = NewDisposeScope();
            using var mode = enable_grad(gradients);
            network.call(inputs, lengths);
        }

        foreach (var decision in guard.Decisions)
        {
            // On a CPU where libtorch is wrong (AMD Zen 5: the LSTM inference kernel) the decision is a route, and its notice says why.
            Console.WriteLine($"{decision.Requested}: {decision.Route}{(decision.Notice is { } n ? " — " + n : "")}");
            var module = network.Recurrent.Direction(decision.Requested.InputSize == Input ? 0 : 1, 0);
            double error = KernelCheck.Error(LibTorchKernels.Instance, module, decision.Used);
            Assert.IsTrue(error <= KernelCheck.Tolerance, $"{decision.Used}: {error:E2}");
            Assert.AreEqual(decision.Route == KernelRoute.Direct, decision.Notice is null);
        }

        Assert.AreEqual(4, guard.Decisions.Count, "two layer shapes (3→5, 10→5) × with and without gradients");
    }

    [TestMethod]
    public void AWrongInferenceKernelRunsWithGradientsInsteadAndIsReportedOnce()
    {
        var faulty = new FaultyKernels(FaultyKernels.OneDnnLstmInference);
        var guard = new RecurrentKernelGuard(faulty, RecurrentKernelMode.Checked);
        var clean = new RecurrentKernelGuard(LibTorchKernels.Instance, RecurrentKernelMode.Checked);
        var notices = new List<string>();
        using var network = Network(RnnCellType.Lstm, bidirectional: false, guard);
        network.Recurrent.KernelNotice = notices.Add;
        var (inputs, lengths) = Batch();

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var guarded = network.call(inputs, lengths);
        network.call(inputs, lengths);
        network.Recurrent.Guard = clean;
        var right = network.call(inputs, lengths);

        var decision = guard.Decisions.Single(d => !d.Requested.Gradients);
        Assert.AreEqual(KernelRoute.WithGradients, decision.Route);
        Assert.IsTrue(decision.Used.Gradients);
        Assert.IsFalse(guarded.requires_grad, "the caller asked for no gradients and gets no graph");
        Assert.IsTrue((guarded - right).abs().max().item<float>() <= 1e-6f, "the rerouted forward gives a right kernel's outputs");
        Assert.AreEqual(1, notices.Count, string.Join(Environment.NewLine, notices));
        Console.WriteLine(notices[0]);
        StringAssert.Contains(notices[0], "differs from a step-by-step computation by");
        StringAssert.Contains(notices[0], CpuDescription.Current);
        StringAssert.Contains(notices[0], "LSTM 3→5");
        StringAssert.Contains(notices[0], "autograd recording");
        StringAssert.Contains(notices[0], RecurrentKernelModes.Variable);
    }

    [TestMethod]
    public void WhenBothGradientModesAreWrongTheGuardTurnsOneDnnOffOrPacks()
    {
        var faulty = new FaultyKernels(k => k.Cell == RnnCellType.Lstm && !k.Packed && k.OneDnn);
        var guard = new RecurrentKernelGuard(faulty, RecurrentKernelMode.Checked);
        using var network = Network(RnnCellType.Lstm, bidirectional: false, guard);
        var (inputs, lengths) = Batch();
        try
        {
            using var scope = NewDisposeScope();
            network.call(inputs, lengths);
            var decision = guard.Decisions.Single();
            var expected = OneDnnSwitch.IsAvailable ? KernelRoute.OneDnnOff : KernelRoute.Packed;
            Assert.AreEqual(expected, decision.Route, decision.Notice);
            if (expected == KernelRoute.OneDnnOff)
                Assert.IsFalse(OneDnnSwitch.IsEnabled, "oneDNN is off for the process");
        }
        finally
        {
            OneDnnSwitch.TrySet(enabled: true);
        }
    }

    [TestMethod]
    public void AWrongPaddedKernelWithoutAOneDnnSwitchFallsBackToPackedSequences()
    {
        // Wrong whatever oneDNN's state: only packed sequences agree.
        var faulty = new FaultyKernels(k => k.Cell == RnnCellType.Gru && !k.Packed);
        var guard = new RecurrentKernelGuard(faulty, RecurrentKernelMode.Checked);
        using var network = Network(RnnCellType.Gru, bidirectional: false, guard);
        var (inputs, lengths) = Batch();
        try
        {
            using var scope = NewDisposeScope();
            var guarded = network.call(inputs, lengths);
            Assert.AreEqual(KernelRoute.Packed, guard.Decisions.Single().Route);
            network.Recurrent.Guard = new RecurrentKernelGuard(LibTorchKernels.Instance, RecurrentKernelMode.Checked);
            Assert.IsTrue((guarded - network.call(inputs, lengths)).abs().max().item<float>() <= 1e-6f);
        }
        finally
        {
            OneDnnSwitch.TrySet(enabled: true);
        }
    }

    [TestMethod]
    public void WhenNoRouteAgreesTheForwardFailsNamingTheKernelAndTheDifferences()
    {
        var guard = new RecurrentKernelGuard(new FaultyKernels(_ => true), RecurrentKernelMode.Checked);
        using var network = Network(RnnCellType.Relu, bidirectional: false, guard);
        var (inputs, lengths) = Batch();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => network.call(inputs, lengths));
        StringAssert.Contains(error.Message, "RELU 3→5");
        StringAssert.Contains(error.Message, "no route around it agrees");
        StringAssert.Contains(error.Message, "packed sequences");
        Assert.IsTrue(OneDnnSwitch.IsEnabled, "a route that did not help is undone");
    }

    [TestMethod]
    public void UncheckedRunsTheWrongKernelAsItIs()
    {
        var guard = new RecurrentKernelGuard(new FaultyKernels(FaultyKernels.OneDnnLstmInference), RecurrentKernelMode.Unchecked);
        using var network = Network(RnnCellType.Lstm, bidirectional: false, guard);
        var (inputs, lengths) = Batch();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var wrong = network.call(inputs, lengths);
        network.Recurrent.Guard = new RecurrentKernelGuard(LibTorchKernels.Instance, RecurrentKernelMode.Checked);
        Assert.IsTrue((wrong - network.call(inputs, lengths)).abs().max().item<float>() > 1e-3f, "the injected fault shows when nothing checks");
    }

    [TestMethod]
    public void AForcedRouteIsTakenEvenWhereTheKernelIsRightAndIsReported()
    {
        var guard = new RecurrentKernelGuard(LibTorchKernels.Instance, RecurrentKernelMode.WithGradients);
        var notices = new List<string>();
        using var network = Network(RnnCellType.Lstm, bidirectional: false, guard);
        network.Recurrent.KernelNotice = notices.Add;
        var (inputs, lengths) = Batch();
        using var scope = NewDisposeScope();
        using (no_grad())
            network.call(inputs, lengths);
        network.call(inputs, lengths);

        var decisions = guard.Decisions.OrderBy(d => d.Requested.Gradients).ToArray();
        Assert.AreEqual(KernelRoute.WithGradients, decisions[0].Route);
        Assert.AreEqual(KernelRoute.Direct, decisions[1].Route, "a forward with gradients is already on the training kernel");
        Assert.AreEqual(1, notices.Count);
        StringAssert.StartsWith(notices[0], $"{RecurrentKernelModes.Variable}=with-gradients: ");
    }

    [TestMethod]
    public void FitReportsARerouteInTheMLContextLogAndValidatesWithRightKernels()
    {
        var clean = Fit(new RecurrentKernelGuard(LibTorchKernels.Instance, RecurrentKernelMode.Checked), out var cleanLog);
        var guarded = Fit(new RecurrentKernelGuard(new FaultyKernels(FaultyKernels.OneDnnLstmInference), RecurrentKernelMode.Checked), out var guardedLog);
        var unchecked_ = Fit(new RecurrentKernelGuard(new FaultyKernels(FaultyKernels.OneDnnLstmInference), RecurrentKernelMode.Unchecked), out _);

        Assert.IsFalse(cleanLog.Any(m => m.Contains("step-by-step", StringComparison.Ordinal)), string.Join(Environment.NewLine, cleanLog));
        var lines = guardedLog.Where(m => m.Contains("differs from a step-by-step computation", StringComparison.Ordinal)).ToArray();
        Assert.AreEqual(1, lines.Length, "one line for the one wrong kernel: " + string.Join(Environment.NewLine, guardedLog));
        StringAssert.Contains(lines[0], CpuDescription.Current);
        CollectionAssert.AreEqual(clean, guarded, new Tolerance(1e-5), "validation through the rerouted kernel equals validation through a right one");
        CollectionAssert.AreNotEqual(clean, unchecked_, new Tolerance(1e-3), "the injected fault would have changed validation");
    }

    private static double[] Fit(RecurrentKernelGuard guard, out List<string> log)
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<string>();
        ml.Log += (_, e) =>
        {
            lock (messages)
                messages.Add(e.Message);
        };
        var (train, validation) = TestPipelines.KeyedSplit(ml, trainRows: 96, testRows: 64);
        var losses = new List<double>();
        var options = SyntheticSequences.FastOptions(RnnCellType.Lstm);
        options.Epochs = 3;
        options.ValidationSet = validation;
        options.Progress = new Progress(r =>
        {
            if (r.IsEpochEnd)
                losses.Add(r.ValidationLoss!.Value);
        });
        using var model = new RnnTrainer(ml, options) { KernelGuard = guard }.Fit(train);
        log = messages;
        return [.. losses];
    }

    private static RnnSequenceNetwork Network(RnnCellType cell, bool bidirectional, RecurrentKernelGuard guard)
    {
        random.manual_seed(3);
        var network = new RnnSequenceNetwork(new NetworkShape(cell, Input, Hidden, NumLayers: bidirectional ? 2 : 1, bidirectional, Dropout: 0, Classes: 4,
            TokenRows: 0, LearnedEmbedding: false, ReadsEveryStep: false));
        network.Recurrent.Guard = guard;
        network.eval();
        return network;
    }

    private static (Tensor Inputs, Tensor Lengths) Batch()
    {
        random.manual_seed(4);
        return (randn(4, 6, Input), tensor(new long[] { 6, 2, 5, 1 }));
    }

    private sealed class Progress(Action<RnnTrainingProgress> report) : IProgress<RnnTrainingProgress>
    {
        public void Report(RnnTrainingProgress value) => report(value);
    }

    private sealed class Tolerance(double tolerance) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((double)x! - (double)y!) <= tolerance ? 0 : 1;
    }
}
