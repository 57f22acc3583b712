namespace Rnn.Onnx.Graph;

/// <summary>Element types of graph inputs, outputs and initializers (the ONNX <c>TensorProto.DataType</c> codes).</summary>
public enum OnnxElementType
{
    /// <summary>32-bit float.</summary>
    Float = 1,

    /// <summary>Unsigned 8-bit integer (raw pixels, say).</summary>
    UInt8 = 2,

    /// <summary>Signed 8-bit integer (quantized weights).</summary>
    Int8 = 3,

    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,

    /// <summary>Signed 64-bit integer (indices, shapes).</summary>
    Int64 = 7,

    /// <summary>UTF-8 string.</summary>
    String = 8,

    /// <summary>Unsigned 32-bit integer (how ML.NET feeds key columns).</summary>
    UInt32 = 12,
}
