using Rnn.Onnx.Graph;

namespace Rnn.MLNet;

/// <summary>
/// The ONNX graph behind <see cref="ImageRowsEstimator"/>: [1, pixels] → flat [pixels] (which also checks the
/// length) → Gather with a precomputed permutation (channel layout, flip, transpose in one op) →
/// [steps, features] → × scale. Identity permutations and a scale of 1 are left out.
/// Internal names start with "rnn." so they cannot meet the column names used as tensor names.
/// </summary>
internal static class ImageRowsGraph
{
    public static byte[] Build(ImageRowsOptions options, string inputTensor, string outputTensor, bool byteInput, bool knownSize)
    {
        var b = new OnnxGraphBuilder("rnn_image_rows");
        // ML.NET feeds known-size vectors with the declared shape and variable-size ones with a computed one,
        // so only the latter get a dim_param; the Reshape below rejects wrong lengths either way.
        b.Input(inputTensor, byteInput ? OnnxElementType.UInt8 : OnnxElementType.Float, 1, knownSize ? options.PixelValues : "pixels");
        string current = inputTensor;
        if (byteInput)
            current = b.Node("Cast", "rnn.cast", [current], ["rnn.pixels_float"], OnnxAttribute.Int("to", (long)OnnxElementType.Float));
        current = b.Node("Reshape", "rnn.flatten", [current, b.Int64Initializer("rnn.flat_shape", options.PixelValues)], ["rnn.flat"]);

        var order = Permutation(options);
        if (!IsIdentity(order))
            current = b.Node("Gather", "rnn.reorder", [current, b.Int64Initializer("rnn.order", order)], ["rnn.reordered"], OnnxAttribute.Int("axis", 0));

        var steps = b.Int64Initializer("rnn.steps_shape", options.Steps, options.FeaturesPerStep);
        bool scale = options.Normalize && options.Scale != 1f;
        current = b.Node("Reshape", "rnn.to_steps", [current, steps], [scale ? "rnn.unscaled" : outputTensor]);
        if (scale)
            b.Node("Mul", "rnn.scale", [current, b.Initializer("rnn.scale_factor", [], [options.Scale])], [outputTensor]);
        b.Output(outputTensor, OnnxElementType.Float, options.Steps, options.FeaturesPerStep);
        return b.ToModelBytes(MLNetMetadata.ProducerName, $"Image rows: {options.Rows}x{options.Columns}x{options.Channels} pixels as {options.Steps} steps of {options.FeaturesPerStep} values.");
    }

    /// <summary>For each output slot (step, pixel along the step, channel), the input slot it is read from.</summary>
    internal static long[] Permutation(ImageRowsOptions o)
    {
        int rows = o.Rows, cols = o.Columns, channels = o.Channels;
        int positions = o.ColumnsAsSteps ? rows : cols;
        var order = new long[o.PixelValues];
        int slot = 0;
        for (int step = 0; step < o.Steps; step++)
            for (int position = 0; position < positions; position++)
                for (int channel = 0; channel < channels; channel++)
                {
                    int r = o.ColumnsAsSteps ? position : step;
                    int c = o.ColumnsAsSteps ? step : position;
                    if (o.BottomUp)
                        r = rows - 1 - r;
                    order[slot++] = o.InterleavedChannels
                        ? ((long)r * cols + c) * channels + channel
                        : ((long)channel * rows + r) * cols + c;
                }
        return order;
    }

    private static bool IsIdentity(long[] order)
    {
        for (int i = 0; i < order.Length; i++)
            if (order[i] != i)
                return false;
        return true;
    }
}
