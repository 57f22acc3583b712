using Google.Protobuf;
using Rnn.Onnx.Protos;

namespace Rnn.Onnx.Graph;

/// <summary>Wraps a built graph as a complete ONNX model, in the IR version and opset the exporter writes.</summary>
internal static class OnnxModelBytes
{
    public static byte[] From(GraphProto graph, string producerName, string docString = "")
    {
        ArgumentNullException.ThrowIfNull(graph);
        var model = new ModelProto
        {
            IrVersion = RnnOnnxExporter.IrVersion,
            ProducerName = producerName,
            DocString = docString,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = RnnOnnxExporter.OpsetVersion });
        return model.ToByteArray();
    }
}
