namespace Rnn.Onnx.Graph;

/// <summary>ONNX tensor element type codes (TensorProto.data_type / TypeProto.Tensor.elem_type).</summary>
internal static class OnnxDataType
{
    public const int Float = 1;
    public const int Uint8 = 2;
    public const int Int32 = 6;
    public const int Int64 = 7;

    /// <summary>Unsigned 32-bit integers (how ML.NET feeds key columns).</summary>
    public const int UInt32 = 12;

    /// <summary>UTF-8 strings (stored in string_data, not raw_data).</summary>
    public const int String = 8;
}
