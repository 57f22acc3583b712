namespace Rnn.Examples.Common;

/// <summary>
/// An exclusive lock file in the data cache root that serialises fetches (an advisory flock on Unix).
/// </summary>
/// <remarks>
/// Parallel first runs (e.g. tests) would otherwise download and extract the same package twice, or
/// refresh the same private apt lists at once. All fetchers share one lock per cache root.
/// </remarks>
internal static class CacheLock
{
    /// <summary>Name of the lock file in the cache root.</summary>
    public const string FileName = ".fetch.lock";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    /// <summary>Takes the lock, waiting for other holders; dispose the result to release it.</summary>
    /// <exception cref="InvalidOperationException">The lock was not released within 15 minutes.</exception>
    public static IDisposable Acquire(string root, Action<string>? log)
    {
        var path = Path.Combine(root, FileName);
        var deadline = DateTime.UtcNow + Timeout;
        var announced = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (IsContention(ex) && DateTime.UtcNow < deadline)
            {
                if (!announced)
                {
                    log?.Invoke($"Waiting for another process that is fetching into {root} ...");
                    announced = true;
                }
                Thread.Sleep(250);
            }
            catch (IOException ex) when (IsContention(ex))
            {
                throw new InvalidOperationException(
                    $"Timed out after {Timeout.TotalMinutes:0} minutes waiting for the lock {path}. " +
                    "If no other process is fetching data, delete that file and retry.", ex);
            }
        }
    }

    // .NET reports a held flock as IOException with HResult EWOULDBLOCK (11 on Linux, 35 on macOS);
    // Windows uses sharing/lock violation. Anything else (read-only disk, ...) must fail at once.
    private static bool IsContention(IOException ex) =>
        ex.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);
}
