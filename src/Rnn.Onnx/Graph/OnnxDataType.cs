namespace Rnn.Onnx.Graph;

/// <summary>ONNX tensor element type codes (TensorProto.data_type / TypeProto.Tensor.elem_type).</summary>
internal static class OnnxDataType
{
    public const int Float = 1;
    public const int Int32 = 6;
    public const int Int64 = 7;
}
