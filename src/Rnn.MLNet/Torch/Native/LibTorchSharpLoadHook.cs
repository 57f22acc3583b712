using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Rnn.MLNet;

/// <summary>
/// Connects the process-wide <see cref="LibTorchSharpLoader"/> to the runtime. It runs as Rnn.MLNet's module
/// initializer, so it is in place before any Rnn.MLNet code touches TorchSharp; registering loads nothing.
/// </summary>
internal static class LibTorchSharpLoadHook
{
    private static readonly Lazy<LibTorchSharpLoader> ProcessLoader =
        new(() => new(PatchedLibraryCache.ForUser(Environment.GetEnvironmentVariable), Environment.GetEnvironmentVariable));

    private static int _installed;

    /// <summary>The loader the runtime consults; it reads the process environment when first used, not at registration.</summary>
    public static LibTorchSharpLoader Loader => ProcessLoader.Value;

    /// <summary>
    /// Registers <see cref="LibTorchSharpLoader.Resolve"/> for the load context of Rnn.MLNet (and so of TorchSharp).
    /// ResolvingUnmanagedDll fires only after .NET's own probing failed, and it serves both NativeLibrary.TryLoad
    /// by name (TorchSharp's loader) and [DllImport] (TorchSharp's calls). Idempotent.
    /// </summary>
#pragma warning disable CA2255 // A library's module initializer on purpose: it must run before the app's first TorchSharp call through Rnn.MLNet.
    [ModuleInitializer]
#pragma warning restore CA2255
    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) != 0)
            return;
        var context = AssemblyLoadContext.GetLoadContext(typeof(LibTorchSharpLoadHook).Assembly) ?? AssemblyLoadContext.Default;
        context.ResolvingUnmanagedDll += (requester, name) =>
            LibTorchSharpLoader.IsLibTorchSharp(name) ? Loader.Resolve(requester, name) : IntPtr.Zero;
    }
}
