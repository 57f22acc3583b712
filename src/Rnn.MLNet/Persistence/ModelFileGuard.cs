using System.IO.Compression;

namespace Rnn.MLNet;

/// <summary>
/// Vets a model file before anything unpacks it: a readable zip whose entry names stay inside the archive
/// (no "..", no rooted paths), whose total unpacked size is bounded, and whose every entry reads back intact
/// (the CRC check catches corruption and truncation). Problems become <see cref="InvalidDataException"/> naming the file.
/// </summary>
internal static class ModelFileGuard
{
    /// <summary>Default bound on the unpacked bytes of a model file.</summary>
    public const long DefaultMaximumBytes = 4L * 1024 * 1024 * 1024;

    public static void Check(string path, long maximumBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumBytes, 1);
        var file = new FileInfo(path);
        if (!file.Exists)
            throw new FileNotFoundException($"No model file at '{path}'.", path);
        if (file.Length == 0)
            throw new InvalidDataException($"Model file '{path}' is empty.");

        try
        {
            using var zip = ZipFile.OpenRead(path);
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                if (IsUnsafe(entry.FullName))
                    throw new InvalidDataException(
                        $"Model file '{path}' has an entry named '{entry.FullName}', which points outside the archive; refusing to load it.");

                // Count what is actually inflated, not what the header claims, so a lying header cannot slip past.
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += read;
                    if (total > maximumBytes)
                        throw new InvalidDataException(
                            $"Model file '{path}' unpacks to more than {maximumBytes} bytes (limit); refusing to load it.");
                }
            }
        }
        catch (InvalidDataException e) when (!e.Message.Contains(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Model file '{path}' is corrupted or truncated: {e.Message}", e);
        }
    }

    private static bool IsUnsafe(string name)
    {
        if (name.Length == 0)
            return false;
        var normalized = name.Replace('\\', '/');
        if (normalized.StartsWith('/') || Path.IsPathRooted(name) || (normalized.Length > 1 && normalized[1] == ':'))
            return true;
        return normalized.Split('/').Any(segment => segment == "..");
    }
}
