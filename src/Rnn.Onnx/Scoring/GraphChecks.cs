using Microsoft.ML.OnnxRuntime;
using Rnn.Onnx.Metadata;

namespace Rnn.Onnx.Scoring;

/// <summary>Checks that a loaded session has the batched interface its metadata promises.</summary>
internal static class GraphChecks
{
    public static void RequireBatchedInterface(OnnxSession session, RnnModelInfo info, string source)
    {
        if (info.UsesTokens)
        {
            Require(session.Inputs, RnnOnnxNames.Input, typeof(long), [-1, -1], "input", source);
            if (info.Vocabulary is null)
                throw new InvalidDataException($"{source} reads tokens but has no '{RnnOnnxMetadata.Vocabulary}' metadata.");
        }
        else
        {
            Require(session.Inputs, RnnOnnxNames.Input, typeof(float), [-1, -1, info.InputSize], "input", source);
        }

        Require(session.Inputs, RnnOnnxNames.SequenceLengths, typeof(int), [-1], "input", source);
        // The output the scorer reads, as the model's head declares it: probabilities (per sequence or per step) or a regressor's predictions.
        var scored = info.Head.BatchedOutputs(info.Outputs)[0];
        Require(session.Outputs, scored.Name, typeof(float), [-1, .. scored.Dims], "output", source);
    }

    // Expected dims of -1 accept anything (symbolic dims read back as -1).
    private static void Require(IReadOnlyDictionary<string, NodeMetadata> values, string name, Type type, int[] dims, string kind, string source)
    {
        if (!values.TryGetValue(name, out var meta))
            throw new InvalidDataException($"{source} has no {kind} named '{name}'; its {kind}s are: {string.Join(", ", values.Keys)}.");
        bool ok = meta.IsTensor && meta.ElementType == type && meta.Dimensions.Length == dims.Length;
        for (int i = 0; ok && i < dims.Length; i++)
            ok = dims[i] < 0 || meta.Dimensions[i] == dims[i];
        if (!ok)
            throw new InvalidDataException(
                $"{source}: {kind} '{name}' is {meta.ElementType.Name}[{string.Join(",", meta.Dimensions)}]; " +
                $"expected {type.Name}[{string.Join(",", dims.Select(d => d < 0 ? "?" : d.ToString()))}] as its metadata implies.");
    }
}
