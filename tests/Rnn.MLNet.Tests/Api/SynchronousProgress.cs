namespace Rnn.MLNet.Tests;

/// <summary>Reports on the training thread itself (<see cref="Progress{T}"/> would post them elsewhere, later).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
