using TorchSharp;

namespace Rnn.MLNet;

/// <summary>Loads TorchSharp's native library once and turns a load failure into an actionable message.</summary>
public static class TorchRuntime
{
    private static readonly Lazy<Exception?> LoadFailure = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Throws <see cref="InvalidOperationException"/> when TorchSharp's native code cannot be loaded.</summary>
    public static void EnsureLoaded()
    {
        if (LoadFailure.Value is { } failure)
            throw new InvalidOperationException(
                "TorchSharp's native library (libLibTorchSharp) could not be loaded. On Debian 12 and other systems whose libstdc++ " +
                "predates GCC 13, Rnn.MLNet's build step patches a copy in the output folder (runtimes/linux-x64/native); make sure the " +
                "app was built with 'dotnet build' or 'dotnet publish' after referencing Rnn.MLNet, and delete a stale 'cpu' folder in the " +
                "output if one exists. See the README section 'Native libraries'. Loader said: " + failure.Message,
                failure);
    }

    private static Exception? TryLoad()
    {
        try
        {
            // Any call into libtorch forces the native load; a one-element tensor is the cheapest.
            using var probe = torch.zeros(1);
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException or EntryPointNotFoundException)
        {
            return e;
        }
    }
}
