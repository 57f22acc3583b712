using System.Globalization;
using Google.Protobuf;
using Rnn.Onnx.Graph;
using Rnn.Onnx.Protos;

namespace Rnn.Onnx.Scoring;

/// <summary>
/// Which nodes of a model ONNX Runtime's CUDA execution provider hands to the CPU, by the rules it applies before placing a
/// node (<c>RNNNeedFallbackToCPU</c> and <c>GetCapability</c> in <c>onnxruntime/core/providers/cuda/cuda_execution_provider.cc</c>):
/// an LSTM, GRU or RNN node runs on the CPU when it has an <c>activation_alpha</c>, <c>activation_beta</c> or <c>clip</c>
/// attribute, an activation other than cuDNN's at its position (compared case-insensitively: LSTM sigmoid, tanh, tanh per
/// direction; GRU sigmoid, tanh; RNN tanh), an LSTM <c>input_forget</c> other than 0, a GRU <c>linear_before_reset</c>
/// other than 1 (each as an attribute that is present), or an LSTM peephole input; and ONNX Runtime's 8-bit contrib
/// operators have CPU kernels only. Only the operators Rnn.Onnx writes are judged: the rest of its graphs (shape
/// arithmetic, transposes, softmax) has CUDA kernels.
/// </summary>
internal static class CudaPlacement
{
    // cuDNN's activations per position, both directions (RNNNeedFallbackToCPU's lists).
    private static readonly Dictionary<string, string[]> CudnnActivations = new(StringComparer.Ordinal)
    {
        ["LSTM"] = ["sigmoid", "tanh", "tanh", "sigmoid", "tanh", "tanh"],
        ["GRU"] = ["sigmoid", "tanh", "sigmoid", "tanh"],
        ["RNN"] = ["tanh", "tanh"],
    };

    // com.microsoft operators Rnn.Onnx writes that have no CUDA kernel in ONNX Runtime.
    private static readonly HashSet<string> CpuOnlyContribOperators = new(StringComparer.Ordinal) { "DynamicQuantizeLSTM", "DynamicQuantizeMatMul" };

    /// <summary>The nodes of <paramref name="model"/> that a CUDA session runs on the CPU, each with the rule that sends it there, in graph order.</summary>
    public static IReadOnlyList<CpuNode> CpuNodes(byte[] model)
    {
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(model);
        }
        catch (InvalidProtocolBufferException)
        {
            return [];
        }

        return proto.Graph is null ? [] : CpuNodes(proto.Graph);
    }

    /// <inheritdoc cref="CpuNodes(byte[])"/>
    public static IReadOnlyList<CpuNode> CpuNodes(GraphProto graph)
    {
        var nodes = new List<CpuNode>();
        foreach (var node in graph.Node)
        {
            if (Reason(node) is { } why)
                nodes.Add(new CpuNode(node.Name, node.OpType, why));
        }

        return nodes;
    }

    /// <summary>
    /// The one line a CUDA session of <paramref name="model"/> logs when some of its nodes run on the CPU (ONNX Runtime copies
    /// their inputs and outputs between the devices), or null when every node Rnn.Onnx writes stays on the GPU.
    /// </summary>
    public static string? LogLine(byte[] model, string source, int gpuDeviceId)
    {
        var nodes = CpuNodes(model);
        if (nodes.Count == 0)
            return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"Rnn.Onnx: {source} opened on CUDA device {gpuDeviceId}, but ONNX Runtime's CUDA provider runs {nodes.Count} of its nodes on the CPU: " +
            $"{string.Join("; ", nodes.Select(n => $"{n.Name} ({n.OpType}: {n.Reason})"))}.");
    }

    private static string? Reason(NodeProto node)
    {
        if (node.Domain == OnnxGraphBuilder.MicrosoftDomain)
            return CpuOnlyContribOperators.Contains(node.OpType) ? "an 8-bit com.microsoft operator, which has CPU kernels only" : null;
        if (node.Domain is not ("" or "ai.onnx") || !CudnnActivations.TryGetValue(node.OpType, out var cudnn))
            return null;

        foreach (var attribute in node.Attribute)
        {
            switch (attribute.Name)
            {
                case "activation_alpha" or "activation_beta" or "clip":
                    return $"attribute {attribute.Name}, which cuDNN does not take";
                case "activations" when attribute.Type == AttributeType.Strings:
                    var names = attribute.Strings.Select(s => s.ToStringUtf8()).ToArray();
                    for (int i = 0; i < names.Length; i++)
                    {
                        if (i >= cudnn.Length || !string.Equals(names[i], cudnn[i], StringComparison.OrdinalIgnoreCase))
                            return $"activations [{string.Join(", ", names)}]; cuDNN runs [{string.Join(", ", cudnn.Take(Math.Max(names.Length, 1)))}] only";
                    }

                    break;
                case "input_forget" when node.OpType == "LSTM" && attribute.Type == AttributeType.Int && attribute.I != 0:
                    return $"input_forget = {attribute.I}; cuDNN couples no gates";
                case "linear_before_reset" when node.OpType == "GRU" && attribute.Type == AttributeType.Int && attribute.I != 1:
                    return $"linear_before_reset = {attribute.I}; cuDNN's GRU needs 1";
            }
        }

        // Inputs X, W, R, B, sequence_lens, initial_h, initial_c, P: a named eighth input is a peephole.
        if (node.OpType == "LSTM" && node.Input.Count >= 8 && node.Input[7].Length > 0)
            return "a peephole input, which cuDNN's LSTM lacks";
        return null;
    }
}

/// <summary>A node that ONNX Runtime's CUDA provider runs on the CPU, and why.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="OpType">Its operator.</param>
/// <param name="Reason">The rule that keeps it off the GPU, in words.</param>
internal sealed record CpuNode(string Name, string OpType, string Reason);
