namespace Rnn.Onnx.Graph;

/// <summary>
/// The ONNX IR version and default-domain opset of every model this library writes (networks, forecasters, featurizer
/// steps): IR 8 with opset 17 loads on every ONNX Runtime since 1.10.
/// </summary>
internal static class OnnxVersions
{
    public const int IrVersion = 8;

    public const int OpsetVersion = 17;
}
