namespace Rnn.MLNet;

/// <summary>How a recurrent forward is run when libtorch's own choice of kernel computes a wrong result.</summary>
internal enum KernelRoute
{
    /// <summary>The kernel libtorch picks (it agreed with the step-by-step computation, or the check is off).</summary>
    Direct,

    /// <summary>
    /// A forward without gradients runs with autograd recording (no backward) and its output is detached: libtorch then
    /// takes oneDNN's training primitive instead of its inference one. Costs the autograd bookkeeping of one forward.
    /// </summary>
    WithGradients,

    /// <summary>oneDNN off for the whole process (<c>torch.backends.mkldnn.enabled = False</c>): libtorch's own kernels.</summary>
    OneDnnOff,

    /// <summary>Packed sequences, which never reach oneDNN; the slowest route (docs/PERFORMANCE.md).</summary>
    Packed,
}
