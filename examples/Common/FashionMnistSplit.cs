namespace Rnn.Examples.Common;

/// <summary>
/// One split ("train" or "test") of Fashion-MNIST as plain arrays: 28×28 grey-scale images scaled to
/// [0, 1] and class labels 0..9.
/// </summary>
/// <remarks>
/// Plain arrays keep this project free of an ML.NET dependency; an example wraps them into its own
/// row type, e.g. <c>class FashionMnistImage { [VectorType(784)] public float[] Pixels; public uint Label; }</c>.
/// For a sequence model, read an image as <see cref="Height"/> time steps of <see cref="Width"/> features.
/// </remarks>
public sealed class FashionMnistSplit
{
    /// <summary>Image width in pixels.</summary>
    public const int Width = 28;

    /// <summary>Image height in pixels.</summary>
    public const int Height = 28;

    /// <summary>Pixels per image (<see cref="Width"/> × <see cref="Height"/>), row-major.</summary>
    public const int PixelCount = Width * Height;

    /// <summary>Human-readable class names, indexed by label.</summary>
    public static readonly string[] ClassNames =
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ];

    /// <summary>Creates a split; validates that every image has <see cref="PixelCount"/> pixels and every label is in range.</summary>
    /// <param name="name">Split name, e.g. <c>train</c>.</param>
    /// <param name="pixels">One array of <see cref="PixelCount"/> values in [0, 1] per image.</param>
    /// <param name="labels">One label in 0..9 per image.</param>
    public FashionMnistSplit(string name, float[][] pixels, uint[] labels)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        if (pixels.Length != labels.Length)
            throw new ArgumentException($"{pixels.Length} images but {labels.Length} labels.", nameof(labels));
        for (var i = 0; i < pixels.Length; i++)
        {
            if (pixels[i] is null || pixels[i].Length != PixelCount)
                throw new ArgumentException($"Image {i} does not have {PixelCount} pixels.", nameof(pixels));
            if (labels[i] >= ClassNames.Length)
                throw new ArgumentException($"Label {labels[i]} of image {i} is outside 0..{ClassNames.Length - 1}.", nameof(labels));
        }
        Name = name;
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>Split name (<c>train</c> or <c>test</c>).</summary>
    public string Name { get; }

    /// <summary>Images, one row-major array of <see cref="PixelCount"/> floats in [0, 1] each.</summary>
    public float[][] Pixels { get; }

    /// <summary>Class label (0..9) of each image; see <see cref="ClassNames"/>.</summary>
    public uint[] Labels { get; }

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>
    /// Returns the first <paramref name="count"/> images (or all, if fewer), sharing the pixel arrays.
    /// Handy for quick CPU runs; the files are already shuffled, so a prefix covers all classes.
    /// </summary>
    public FashionMnistSplit Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count >= Count)
            return this;
        return new FashionMnistSplit(Name, Pixels[..count], Labels[..count]);
    }
}
