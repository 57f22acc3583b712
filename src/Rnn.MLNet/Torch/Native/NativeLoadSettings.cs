namespace Rnn.MLNet;

/// <summary>The environment variables that steer Rnn.MLNet's loading of TorchSharp's native library.</summary>
internal static class NativeLoadSettings
{
    /// <summary>Set to 0 or false to turn the patched copy of libLibTorchSharp.so off.</summary>
    public const string PatchVariable = "RNN_MLNET_PATCH_LIBTORCHSHARP";

    /// <summary>A folder for patched copies, used before the per-user cache folder.</summary>
    public const string CacheVariable = "RNN_MLNET_NATIVE_CACHE";

    /// <summary>Whether <see cref="PatchVariable"/> opts out.</summary>
    public static bool PatchDisabled(Func<string, string?> environment) =>
        environment(PatchVariable)?.Trim().ToLowerInvariant() is "0" or "false" or "no" or "off";
}
