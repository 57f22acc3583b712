using TorchSharp;

namespace Rnn.Examples.Common;

/// <summary>How many CPU threads TorchSharp (libtorch) may use inside one operation while training.</summary>
/// <remarks>
/// libtorch starts one intra-op thread per core. Since training runs variable-length rows on libtorch's padded kernels
/// (not its packed ones), two threads train the text examples faster than one on this 2-core machine (SpamFilter on
/// its former 256-word settings 92 s vs 109 s, PosTagger 162 s vs 218 s, same results), so the examples keep libtorch's default unless
/// <c>--threads N</c> says otherwise. On a machine shared with other work, <c>--threads 1</c> avoids threads waiting on
/// each other at every small step.
/// </remarks>
public static class TorchThreads
{
    /// <summary>Applies <c>--threads N</c> (default <paramref name="fallback"/>; 0 keeps libtorch's default) and returns the count in use.</summary>
    public static int Apply(ExampleArguments args, int fallback = 0)
    {
        int threads = args.GetInt("threads", fallback);
        if (threads < 0)
            throw new ArgumentException($"--threads takes 0 (libtorch's default) or a positive number; got {threads}.");
        if (threads > 0)
            torch.set_num_threads(threads);
        return torch.get_num_threads();
    }
}
