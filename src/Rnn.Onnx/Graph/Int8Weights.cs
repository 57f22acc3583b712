namespace Rnn.Onnx.Graph;

/// <summary>
/// Symmetric 8-bit quantization of a weight matrix with one scale per output channel (row): scale = max |row| ÷ 127 and
/// q = round(w ÷ scale), so the largest weight of each row is ±127 and zero stays exactly zero. The quantized matrix is
/// written transposed, [columns, rows], the layout ONNX Runtime's DynamicQuantizeLSTM and DynamicQuantizeMatMul read.
/// </summary>
internal static class Int8Weights
{
    /// <summary>Quantizes row-major [<paramref name="rows"/>, <paramref name="columns"/>] into <paramref name="transposed"/> [columns, rows] and <paramref name="scales"/> [rows].</summary>
    public static void QuantizeRows(ReadOnlySpan<float> matrix, int rows, int columns, Span<sbyte> transposed, Span<float> scales)
    {
        if (matrix.Length != rows * columns || transposed.Length != matrix.Length || scales.Length != rows)
            throw new ArgumentException($"Expected {rows} × {columns} values, {rows * columns} quantized and {rows} scales.");
        for (int r = 0; r < rows; r++)
        {
            var row = matrix.Slice(r * columns, columns);
            float max = 0;
            foreach (float w in row)
                max = MathF.Max(max, MathF.Abs(w));
            // An all-zero row quantizes to zeros whatever its scale; 1 keeps the scale a normal positive number.
            float scale = max > 0 ? max / 127f : 1f;
            scales[r] = scale;
            for (int c = 0; c < columns; c++)
                transposed[c * rows + r] = (sbyte)Math.Clamp(MathF.Round(row[c] / scale, MidpointRounding.ToEven), -127f, 127f);
        }
    }

    /// <summary>The inverse of <see cref="QuantizeRows"/> up to rounding: [columns, rows] quantized values and [rows] scales back to row-major [rows, columns] floats.</summary>
    public static void DequantizeRows(ReadOnlySpan<sbyte> transposed, ReadOnlySpan<float> scales, int rows, int columns, Span<float> matrix)
    {
        if (matrix.Length != rows * columns || transposed.Length != matrix.Length || scales.Length != rows)
            throw new ArgumentException($"Expected {rows} × {columns} values, {rows * columns} quantized and {rows} scales.");
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
                matrix[r * columns + c] = transposed[c * rows + r] * scales[r];
        }
    }
}
