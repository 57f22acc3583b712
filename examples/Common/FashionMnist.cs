namespace Rnn.Examples.Common;

/// <summary>
/// The Fashion-MNIST data set (Zalando; 60 000 training and 10 000 test images of clothing, 10 classes),
/// obtained from the Debian package <c>dataset-fashion-mnist</c>.
/// </summary>
/// <remarks>
/// The package ships the original gzip-compressed IDX files in <c>/usr/share/datasets/fashion-mnist/</c>.
/// If the package is installed system-wide those files are used directly; otherwise it is fetched
/// into the data cache with <see cref="DebianPackageFetcher"/> (no root needed).
/// </remarks>
public static class FashionMnist
{
    /// <summary>Name of the Debian package that contains the data set.</summary>
    public const string PackageName = "dataset-fashion-mnist";

    /// <summary>Where the package puts the IDX files when installed system-wide.</summary>
    public const string SystemDirectory = "/usr/share/datasets/fashion-mnist";

    private static readonly string RelativeDataDirectory = Path.Combine("usr", "share", "datasets", "fashion-mnist");

    /// <summary>
    /// Makes sure the IDX files are available locally and returns the folder containing them.
    /// Instant after the first call.
    /// </summary>
    /// <param name="log">Optional progress callback.</param>
    /// <exception cref="InvalidOperationException">The package could not be fetched, or lacks the expected files.</exception>
    public static string EnsureDownloaded(Action<string>? log = null)
    {
        if (HasAllFiles(SystemDirectory))
            return SystemDirectory;

        var root = DebianPackageFetcher.Fetch(PackageName, log);
        var dir = Path.Combine(root, RelativeDataDirectory);
        if (!HasAllFiles(dir))
        {
            var missing = string.Join(", ", RequiredFiles().Where(f => FindFile(dir, f) is null));
            throw new InvalidOperationException(
                $"Debian package '{PackageName}' was extracted to {root}, but {dir} lacks: {missing}. " +
                $"Delete {root} to fetch it again.");
        }
        return dir;
    }

    /// <summary>
    /// Loads a split, fetching the data first if needed (see <see cref="EnsureDownloaded"/>).
    /// </summary>
    /// <param name="split"><c>"train"</c> (60 000 images) or <c>"test"</c> (10 000 images); case-insensitive.</param>
    /// <param name="log">Optional progress callback.</param>
    /// <exception cref="ArgumentException"><paramref name="split"/> is neither "train" nor "test".</exception>
    /// <exception cref="InvalidDataException">A data file is corrupt or inconsistent.</exception>
    public static FashionMnistSplit Load(string split, Action<string>? log = null)
    {
        var prefix = FilePrefix(split);
        var dir = EnsureDownloaded(log);
        var imagesPath = FindFile(dir, $"{prefix}-images-idx3-ubyte")!;
        var labelsPath = FindFile(dir, $"{prefix}-labels-idx1-ubyte")!;

        var (images, rows, cols) = IdxReader.ReadImages(imagesPath);
        if (rows != FashionMnistSplit.Height || cols != FashionMnistSplit.Width)
            throw new InvalidDataException(
                $"IDX file '{imagesPath}' has {rows}×{cols} images, expected {FashionMnistSplit.Height}×{FashionMnistSplit.Width}.");
        var rawLabels = IdxReader.ReadLabels(labelsPath);
        if (rawLabels.Length != images.Length)
            throw new InvalidDataException(
                $"'{imagesPath}' has {images.Length} images but '{labelsPath}' has {rawLabels.Length} labels.");

        var labels = new uint[rawLabels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (rawLabels[i] >= FashionMnistSplit.ClassNames.Length)
                throw new InvalidDataException($"IDX file '{labelsPath}' has label {rawLabels[i]} at index {i}; expected 0..9.");
            labels[i] = rawLabels[i];
        }

        // Scale to [0, 1]: keeps the activations of the recurrent cells in their sensitive range.
        var pixels = new float[images.Length][];
        Parallel.For(0, images.Length, i =>
        {
            var src = images[i];
            var dst = new float[src.Length];
            for (var j = 0; j < src.Length; j++)
                dst[j] = src[j] / 255f;
            pixels[i] = dst;
        });

        return new FashionMnistSplit(split.ToLowerInvariant(), pixels, labels);
    }

    private static string FilePrefix(string split)
    {
        ArgumentNullException.ThrowIfNull(split);
        return split.ToLowerInvariant() switch
        {
            "train" => "train",
            "test" => "t10k", // the original file names call the test split "t10k"
            _ => throw new ArgumentException($"Unknown Fashion-MNIST split '{split}'; use \"train\" or \"test\".", nameof(split)),
        };
    }

    private static IEnumerable<string> RequiredFiles() =>
    [
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
    ];

    private static bool HasAllFiles(string dir) =>
        Directory.Exists(dir) && RequiredFiles().All(f => FindFile(dir, f) is not null);

    // The package ships .gz files; accept uncompressed copies too (e.g. a manually prepared folder).
    private static string? FindFile(string dir, string baseName)
    {
        foreach (var candidate in new[] { baseName + ".gz", baseName })
        {
            var path = Path.Combine(dir, candidate);
            if (File.Exists(path))
                return path;
        }
        return null;
    }
}
