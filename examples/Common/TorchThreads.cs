using TorchSharp;

namespace Rnn.Examples.Common;

/// <summary>How many CPU threads TorchSharp (libtorch) may use inside one operation while training.</summary>
/// <remarks>
/// libtorch starts one intra-op thread per core. On a small machine shared with other work, those threads wait on each
/// other at every tiny step of a recurrent network: on a loaded 2-core machine one bidirectional GRU batch took about
/// 7× longer with 2 threads than with 1. The text examples therefore default to 1; pass <c>--threads 0</c> to keep
/// libtorch's own choice (worth trying on an idle machine with many cores).
/// </remarks>
public static class TorchThreads
{
    /// <summary>Applies <c>--threads N</c> (default <paramref name="fallback"/>; 0 keeps libtorch's default) and returns the count in use.</summary>
    public static int Apply(ExampleArguments args, int fallback = 1)
    {
        int threads = args.GetInt("threads", fallback);
        if (threads < 0)
            throw new ArgumentException($"--threads takes 0 (libtorch's default) or a positive number; got {threads}.");
        if (threads > 0)
            torch.set_num_threads(threads);
        return torch.get_num_threads();
    }
}
