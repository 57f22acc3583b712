namespace Rnn.Onnx;

/// <summary>How an exported graph stores its weights (<see cref="OnnxExportOptions.Quantization"/>).</summary>
public enum OnnxQuantization
{
    /// <summary>32-bit float weights and operators of the default ONNX domain only, so any ONNX runtime scores the file. The default.</summary>
    None,

    /// <summary>
    /// 8-bit integer weights with one scale per output channel (symmetric: zero points 0), the activations quantized to 8 bits
    /// at run time, through ONNX Runtime's contrib operators (domain <c>com.microsoft</c>): every LSTM layer as one
    /// <c>DynamicQuantizeLSTM</c> node, the dense head as <c>DynamicQuantizeMatMul</c>. ONNX Runtime has no 8-bit GRU or
    /// Elman kernel, so those layers stay 32-bit float (their input product sits inside the recurrent node); their head is
    /// 8-bit. The embedding lookup of token models stays float (a lookup does no arithmetic to speed up), as do a regressor's
    /// input skip and target scaling. Such a file needs ONNX Runtime: other runtimes lack the <c>com.microsoft</c> operators.
    /// Scores differ from the float graph's by the rounding of weights and activations (see docs/ONNX.md).
    /// </summary>
    DynamicInt8,
}
