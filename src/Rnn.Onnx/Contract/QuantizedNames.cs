namespace Rnn.Onnx;

/// <summary>
/// Initializer names of a graph written with <see cref="OnnxQuantization.DynamicInt8"/>: each quantized weight is an int8 tensor
/// laid out as its operator reads it (input channels first: [D, inputs, 4H] for an LSTM's W, [D*H, outputs] for the head),
/// with its scales and zero points beside it. The float names (<c>layer{k}.W</c>, <c>head.weight</c>) are not written for
/// what is quantized; the biases keep their float names.
/// </summary>
internal static class QuantizedNames
{
    public const string Suffix = "_quantized";

    public const string ScaleSuffix = "_scale";

    public const string ZeroPointSuffix = "_zero_point";

    public const string HeadWeight = "head.weight";

    /// <summary>The quantized weight, its scales and its zero points, for a float weight called <paramref name="name"/>.</summary>
    public static (string Weight, string Scale, string ZeroPoint) Of(string name) => (name + Suffix, name + ScaleSuffix, name + ZeroPointSuffix);
}
