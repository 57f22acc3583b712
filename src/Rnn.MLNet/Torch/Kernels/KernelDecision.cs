namespace Rnn.MLNet;

/// <summary>What the guard decided for one requested kernel, for the rest of the process.</summary>
/// <param name="Requested">The kernel libtorch would have run.</param>
/// <param name="Route">How forwards that request it run.</param>
/// <param name="Used">The kernel they run instead (the requested one on <see cref="KernelRoute.Direct"/>).</param>
/// <param name="Notice">The line a network writes to its log when it first uses this decision, or null when nothing changed.</param>
internal sealed record KernelDecision(RecurrentKernel Requested, KernelRoute Route, RecurrentKernel Used, string? Notice);
