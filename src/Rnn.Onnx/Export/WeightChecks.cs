namespace Rnn.Onnx.Export;

/// <summary>Refuses to export a network whose weights are not finite (e.g. after diverged training).</summary>
internal static class WeightChecks
{
    public static void RequireFinite(RecurrentNetworkDescription network)
    {
        for (int layer = 0; layer < network.NumLayers; layer++)
        {
            for (int dir = 0; dir < network.Directions; dir++)
            {
                var w = network.Layers[layer][dir];
                string where = $"layer {layer} {(dir == 0 ? "forward" : "backward")}";
                Check(w.InputWeights, $"{where} input weights");
                Check(w.RecurrentWeights, $"{where} recurrent weights");
                Check(w.InputBias, $"{where} input bias");
                Check(w.RecurrentBias, $"{where} recurrent bias");
            }
        }
        Check(network.Head.Weights, "head weights");
        Check(network.Head.Bias, "head bias");
        if (network.InputSkip is { } skip)
        {
            Check(skip.Weights.Weights, "input skip weights");
            Check(skip.Weights.Bias, "input skip bias");
        }
    }

    private static void Check(ReadOnlyMemory<float> weights, string what)
    {
        var values = weights.Span;
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
                throw new ArgumentException(
                    $"The network's {what} hold {values[i]} at index {i}; every weight must be finite. Was training diverging?",
                    "network");
    }
}
