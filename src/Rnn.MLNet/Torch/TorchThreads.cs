using TorchSharp;

namespace Rnn.MLNet;

/// <summary>
/// Sets libtorch's intra-op thread count for the duration of a scope and restores the previous count after it.
/// The count is process-wide in libtorch, so concurrent scopes asking for different counts overwrite each other.
/// </summary>
internal readonly struct TorchThreads : IDisposable
{
    private readonly int _previous;

    private TorchThreads(int previous) => _previous = previous;

    /// <summary>Uses <paramref name="threads"/> threads until disposed; null leaves libtorch's count alone.</summary>
    public static TorchThreads Use(int? threads)
    {
        if (threads is not int count)
            return default;
        TorchRuntime.EnsureLoaded();
        int previous = torch.get_num_threads();
        if (previous != count)
            torch.set_num_threads(count);
        return new TorchThreads(previous);
    }

    public void Dispose()
    {
        // default(TorchThreads) has _previous == 0: nothing was changed.
        if (_previous > 0 && torch.get_num_threads() != _previous)
            torch.set_num_threads(_previous);
    }
}
