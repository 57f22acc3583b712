using TorchSharp;
using System.Collections.Concurrent;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Rnn.MLNet;

/// <summary>
/// Checks each recurrent kernel a network is about to use against <see cref="PlainRecurrence"/> before its first use,
/// and routes around one that computes a wrong result, for the rest of the process. libtorch's oneDNN LSTM inference
/// primitive is wrong for some layer shapes on some CPUs (AMD Zen 5 with AVX-512, libtorch 2.10); the fault is found by
/// testing the shapes the network actually uses, never by a list of CPU models.
/// </summary>
/// <remarks>
/// A decision is cached per <see cref="RecurrentKernel"/> (cell, sizes, device, padded or packed, gradients or not,
/// oneDNN on or off). Routes are tried cheapest first (docs/PERFORMANCE.md, "Recurrent kernel routes"): the kernel
/// itself; for a forward without gradients, the same forward with autograd recording; oneDNN off for the process;
/// packed sequences. Each is checked before it is taken; when none agrees, the forward fails with the differences.
/// </remarks>
internal sealed class RecurrentKernelGuard
{
    private static readonly Lazy<RecurrentKernelGuard> SharedGuard =
        new(() => new RecurrentKernelGuard(LibTorchKernels.Instance, RecurrentKernelModes.FromEnvironment()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly IRecurrentKernels _kernels;
    private readonly ConcurrentDictionary<RecurrentKernel, KernelDecision> _decisions = new();
    private readonly Lock _gate = new();
    private volatile bool _oneDnnForcedOff;

    public RecurrentKernelGuard(IRecurrentKernels kernels, RecurrentKernelMode mode)
    {
        _kernels = kernels;
        Mode = mode;
    }

    /// <summary>The process's guard, in the mode <see cref="RecurrentKernelModes.Variable"/> chooses.</summary>
    public static RecurrentKernelGuard Shared => SharedGuard.Value;

    public RecurrentKernelMode Mode { get; }

    /// <summary>Every decision taken so far.</summary>
    public IReadOnlyCollection<KernelDecision> Decisions => [.. _decisions.Values];

    /// <summary>
    /// [N, S, H] outputs of a single-layer, one-direction module over [N, S, input] zero-padded steps, through a kernel
    /// that agrees with the step-by-step computation; autograd records them when the caller's gradient mode does.
    /// </summary>
    /// <param name="module">The module.</param>
    /// <param name="cell">Its cell.</param>
    /// <param name="hiddenSize">Its hidden units.</param>
    /// <param name="input">The steps.</param>
    /// <param name="rows">Their lengths.</param>
    /// <param name="packed">Whether the caller chose packed sequences (a batch that is mostly padding).</param>
    /// <param name="decision">How the forward ran.</param>
    public Tensor Run(Module module, RnnCellType cell, int hiddenSize, Tensor input, RowLengths rows, bool packed, out KernelDecision decision)
    {
        if (Mode == RecurrentKernelMode.OneDnnOff)
            ForceOneDnnOff();
        bool gradients = is_grad_enabled();
        var requested = new RecurrentKernel(
            input.device_type, cell, (int)input.shape[2], hiddenSize, gradients, packed, input.device_type == DeviceType.CPU && OneDnnSwitch.IsEnabled);
        decision = Mode == RecurrentKernelMode.Unchecked ? new KernelDecision(requested, KernelRoute.Direct, requested, null) : Decide(requested, module);

        var output = _kernels.Run(module, input, rows, decision.Used);
        if (!decision.Used.Gradients || gradients)
            return output;
        // Recorded only to reach the right primitive: the caller asked for no gradients, so hand back no graph.
        var detached = output.detach();
        output.Dispose();
        return detached;
    }

    private KernelDecision Decide(RecurrentKernel requested, Module module)
    {
        if (_decisions.TryGetValue(requested, out var known))
            return known;
        lock (_gate)
        {
            if (_decisions.TryGetValue(requested, out known))
                return known;
            var decision = Choose(requested, module);
            _decisions[requested] = decision;
            return decision;
        }
    }

    private KernelDecision Choose(RecurrentKernel requested, Module module)
    {
        var tried = new List<string>();
        double? ownError = null;
        foreach (var route in Routes(requested))
        {
            if (Apply(route, requested) is not { } used)
                continue;
            double error = KernelCheck.Error(_kernels, module, used);
            if (route == KernelRoute.Direct)
                ownError = error;
            if (error <= KernelCheck.Tolerance)
                return new KernelDecision(requested, route, used, Notice(requested, route, used, ownError, error));
            tried.Add($"{Describe(route)} ({used}): {error:0.0E+00}");
            if (route == KernelRoute.OneDnnOff)
                OneDnnSwitch.TrySet(enabled: true);
        }

        throw new InvalidOperationException(
            $"libtorch's recurrent kernel ({requested}) computes a wrong result on this CPU ({CpuDescription.Current}), and no route around it agrees " +
            $"with a step-by-step computation (relative differences: {string.Join("; ", tried)}; tolerance {KernelCheck.Tolerance:0E+00}). " +
            $"Try another libtorch build, or the environment variable ONEDNN_MAX_CPU_ISA=AVX2 set before the process starts (README, 'Recurrent kernels').");
    }

    /// <summary>A forced route first, then the kernel itself, then the routes around it, cheapest first.</summary>
    private IEnumerable<KernelRoute> Routes(RecurrentKernel requested)
    {
        var routes = new List<KernelRoute>(5);
        if (Mode == RecurrentKernelMode.WithGradients && !requested.Gradients && !requested.Packed)
            routes.Add(KernelRoute.WithGradients);
        if (Mode == RecurrentKernelMode.Packed && !requested.Packed)
            routes.Add(KernelRoute.Packed);
        routes.Add(KernelRoute.Direct);
        if (!requested.Gradients && !requested.Packed)
            routes.Add(KernelRoute.WithGradients);
        if (requested.OneDnn)
            routes.Add(KernelRoute.OneDnnOff);
        if (!requested.Packed)
            routes.Add(KernelRoute.Packed);
        return routes.Distinct();
    }

    /// <summary>The kernel <paramref name="route"/> runs instead of <paramref name="requested"/>, or null where it is unavailable.</summary>
    private static RecurrentKernel? Apply(KernelRoute route, RecurrentKernel requested) => route switch
    {
        KernelRoute.Direct => requested,
        KernelRoute.WithGradients => requested.WithGradients(),
        KernelRoute.Packed => requested.AsPacked(),
        KernelRoute.OneDnnOff => OneDnnSwitch.TrySet(enabled: false) ? requested.WithoutOneDnn() : null,
        _ => null,
    };

    private void ForceOneDnnOff()
    {
        if (_oneDnnForcedOff)
            return;
        if (!OneDnnSwitch.TrySet(enabled: false))
            throw new InvalidOperationException(
                $"{RecurrentKernelModes.Variable}={RecurrentKernelModes.Name(Mode)} asks for oneDNN off, but this libtorch build does not export " +
                "at::Context::setUserEnabledMkldnn where Rnn.MLNet looks for it (Linux and macOS builds do); choose another value (README, 'Recurrent kernels').");
        _oneDnnForcedOff = true;
    }

    private string? Notice(RecurrentKernel requested, KernelRoute route, RecurrentKernel used, double? ownError, double error)
    {
        if (route == KernelRoute.Direct)
            return null;
        string agreement = $"{used} agrees with it to {error:0.0E+00}";
        if (ownError is { } wrong)
            return $"libtorch's recurrent kernel ({requested}) differs from a step-by-step computation by {wrong:0.0E+00} on this CPU ({CpuDescription.Current}); " +
                $"{Describe(route)} for the rest of the process: {agreement}. {RecurrentKernelModes.Variable} chooses the route (README, 'Recurrent kernels').";
        return $"{RecurrentKernelModes.Variable}={RecurrentKernelModes.Name(Mode)}: {requested}: {Describe(route)}; {agreement}.";
    }

    private static string Describe(KernelRoute route) => route switch
    {
        KernelRoute.WithGradients => "forwards without gradients run with autograd recording (no backward)",
        KernelRoute.OneDnnOff => "oneDNN is off for this process (libtorch's own kernels)",
        KernelRoute.Packed => "forwards run over packed sequences",
        _ => "libtorch's own choice",
    };
}
