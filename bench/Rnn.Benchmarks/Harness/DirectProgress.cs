namespace Rnn.Benchmarks.Harness;

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread at once (System.Progress posts to a context instead).</summary>
internal sealed class DirectProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
