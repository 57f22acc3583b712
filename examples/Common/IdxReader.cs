using System.Buffers.Binary;
using System.IO.Compression;

namespace Rnn.Examples.Common;

/// <summary>
/// Reads unsigned-byte IDX files (the MNIST / Fashion-MNIST format), gzip-compressed or plain.
/// </summary>
/// <remarks>
/// Format: a 4-byte big-endian magic <c>0x0000TTNN</c> (TT = 0x08 for unsigned bytes, NN = number of
/// dimensions), NN big-endian 32-bit dimension sizes, then the data in row-major order.
/// Only the two layouts used by MNIST-style data sets are supported:
/// <c>0x00000803</c> (images: count × rows × columns) and <c>0x00000801</c> (labels: count).
/// Compression is detected from the gzip signature rather than the file name.
/// </remarks>
public static class IdxReader
{
    /// <summary>Magic number of an unsigned-byte, 3-dimensional IDX file (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an unsigned-byte, 1-dimensional IDX file (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    // Sanity limit so that a corrupt header fails with a clear message instead of a huge allocation.
    private const long MaxElements = int.MaxValue;

    /// <summary>
    /// Reads an IDX image file; returns one byte array of <c>Rows * Columns</c> pixels per image.
    /// </summary>
    /// <param name="path">Path of the <c>*-images-idx3-ubyte[.gz]</c> file.</param>
    /// <exception cref="InvalidDataException">Wrong magic number, invalid sizes, or truncated / oversized data.</exception>
    public static (byte[][] Images, int Rows, int Columns) ReadImages(string path)
    {
        using var stream = Open(path);
        ReadMagic(stream, path, ImagesMagic, "images");
        var count = ReadDimension(stream, path, "image count");
        var rows = ReadDimension(stream, path, "row count");
        var cols = ReadDimension(stream, path, "column count");
        if ((long)count * rows * cols > MaxElements)
            throw new InvalidDataException(
                $"IDX file '{path}' declares {count} × {rows} × {cols} bytes, which is larger than supported.");

        var pixels = rows * cols;
        var images = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            images[i] = new byte[pixels];
            ReadExactly(stream, images[i], path, $"image {i} of {count}");
        }
        EnsureEnd(stream, path);
        return (images, rows, cols);
    }

    /// <summary>Reads an IDX label file; returns one byte per item.</summary>
    /// <param name="path">Path of the <c>*-labels-idx1-ubyte[.gz]</c> file.</param>
    /// <exception cref="InvalidDataException">Wrong magic number, invalid size, or truncated / oversized data.</exception>
    public static byte[] ReadLabels(string path)
    {
        using var stream = Open(path);
        ReadMagic(stream, path, LabelsMagic, "labels");
        var count = ReadDimension(stream, path, "label count");
        var labels = new byte[count];
        ReadExactly(stream, labels, path, $"{count} labels");
        EnsureEnd(stream, path);
        return labels;
    }

    /// <summary>Opens the file, transparently decompressing it if it starts with the gzip signature.</summary>
    private static Stream Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"IDX file '{path}' does not exist.", path);

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> sig = stackalloc byte[2];
        var n = file.ReadAtLeast(sig, 2, throwOnEndOfStream: false);
        file.Position = 0;
        if (n == 2 && sig[0] == 0x1F && sig[1] == 0x8B)
            // Buffer the decompressed side: the readers issue many small reads.
            return new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16);
        return file;
    }

    private static void ReadMagic(Stream s, string path, int expected, string kind)
    {
        var magic = ReadInt32BigEndian(s, path, "magic number");
        if (magic != expected)
            throw new InvalidDataException(
                $"IDX file '{path}' has magic number 0x{magic:X8}, expected 0x{expected:X8} ({kind}). " +
                "Is it the right file, and not corrupt?");
    }

    private static int ReadDimension(Stream s, string path, string what)
    {
        var value = ReadInt32BigEndian(s, path, what);
        if (value <= 0)
            throw new InvalidDataException($"IDX file '{path}' has invalid {what} {value}.");
        return value;
    }

    private static int ReadInt32BigEndian(Stream s, string path, string what)
    {
        Span<byte> buf = stackalloc byte[4];
        var n = ReadSafe(s, buf, path);
        if (n < 4)
            throw new InvalidDataException($"IDX file '{path}' ends inside the header (while reading the {what}).");
        return BinaryPrimitives.ReadInt32BigEndian(buf);
    }

    private static void ReadExactly(Stream s, byte[] buffer, string path, string what)
    {
        var n = ReadSafe(s, buffer, path);
        if (n < buffer.Length)
            throw new InvalidDataException(
                $"IDX file '{path}' is truncated: it ends while reading {what} ({n} of {buffer.Length} bytes).");
    }

    private static void EnsureEnd(Stream s, string path)
    {
        Span<byte> one = stackalloc byte[1];
        if (ReadSafe(s, one, path) != 0)
            throw new InvalidDataException(
                $"IDX file '{path}' has more data than its header declares; it may be corrupt or of another kind.");
    }

    // Corrupt gzip data surfaces as InvalidDataException without the file name; add it.
    private static int ReadSafe(Stream s, Span<byte> buffer, string path)
    {
        try
        {
            return s.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"IDX file '{path}' could not be decompressed: {ex.Message}", ex);
        }
    }
}
