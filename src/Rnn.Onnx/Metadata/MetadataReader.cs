using System.Globalization;
using System.Text.Json;
using Rnn.Onnx.Heads;

namespace Rnn.Onnx.Metadata;

/// <summary>Parses the standard metadata back; every problem is an <see cref="InvalidDataException"/> naming the model.</summary>
internal static class MetadataReader
{
    public static RnnModelInfo Read(IReadOnlyDictionary<string, string> metadata, string source)
    {
        if (!metadata.ContainsKey(RnnOnnxMetadata.FormatVersion))
            throw new InvalidDataException(
                $"{source} has no '{RnnOnnxMetadata.FormatVersion}' metadata: it was not written by RnnOnnxExporter, " +
                "so its inputs, outputs and class names are unknown.");

        int version = PositiveInt(metadata, RnnOnnxMetadata.FormatVersion, source);
        if (version > RnnOnnxMetadata.CurrentFormatVersion)
            throw new InvalidDataException(
                $"{source} has format version {version}; this library reads up to {RnnOnnxMetadata.CurrentFormatVersion}. Update Rnn.Onnx.");

        string task = Optional(metadata, RnnOnnxMetadata.Task, "classification", source, "classification, regression or forecasting",
            s => s is "classification" or "regression" or "forecasting" ? s : null);
        // Absent in the first files written: one prediction per sequence.
        string output = Optional(metadata, RnnOnnxMetadata.Output, "sequence", source, "sequence or per_step", s => s is "sequence" or "per_step" ? s : null);
        var head = OnnxHeads.FromMetadata(task, output);
        if (head.OutputKind != output)
            throw Bad(RnnOnnxMetadata.Output, source, output, $"{head.OutputKind} for task {task}");
        return new RnnModelInfo(
            version,
            Parse(metadata, RnnOnnxMetadata.Layout, source, "batched, single_row or stateful", s => s switch
            {
                "batched" => OnnxInputLayout.Batched,
                "single_row" => OnnxInputLayout.SingleRow,
                "stateful" => OnnxInputLayout.Stateful,
                _ => (OnnxInputLayout?)null,
            }),
            Parse(metadata, RnnOnnxMetadata.Cell, source, "tanh, relu, lstm or gru", s => s switch
            {
                "tanh" => RnnCellType.Tanh,
                "relu" => RnnCellType.Relu,
                "lstm" => RnnCellType.Lstm,
                "gru" => RnnCellType.Gru,
                _ => (RnnCellType?)null,
            }),
            PositiveInt(metadata, RnnOnnxMetadata.InputSize, source),
            PositiveInt(metadata, RnnOnnxMetadata.HiddenSize, source),
            PositiveInt(metadata, RnnOnnxMetadata.NumLayers, source),
            Parse(metadata, RnnOnnxMetadata.Bidirectional, source, "true or false", s => s switch
            {
                "true" => true,
                "false" => (bool?)false,
                _ => null,
            }),
            head.HasClasses
                ? Parse(metadata, RnnOnnxMetadata.ClassNames, source, "a JSON array of strings", ClassNames)
                : Parse(metadata, RnnOnnxMetadata.ClassNames, source, "an empty JSON array (a regressor has no classes)", json => Strings(json) is [] ? Array.Empty<string>() : null),
            // Absent in the first files written: float steps, one prediction per sequence.
            Optional(metadata, RnnOnnxMetadata.InputKind, "values", source, "values, embedding or one_hot",
                s => s is "values" or "embedding" or "one_hot" ? s : null),
            metadata.ContainsKey(RnnOnnxMetadata.Vocabulary)
                ? Parse(metadata, RnnOnnxMetadata.Vocabulary, source, "a JSON array of strings", Strings)
                : null,
            head,
            metadata.ContainsKey(RnnOnnxMetadata.Pooling)
                ? Parse(metadata, RnnOnnxMetadata.Pooling, source, "last, max or mean", s => s switch
                {
                    "last" => RnnPooling.Last,
                    "max" => RnnPooling.Max,
                    "mean" => (RnnPooling?)RnnPooling.Mean,
                    _ => null,
                })
                : RnnPooling.Last,
            head.HasClasses
                ? null
                : Parse(metadata, RnnOnnxMetadata.TargetNames, source, "a non-empty JSON array of strings", json => Strings(json) is { Count: > 0 } names ? names : null))
        {
            IsForecaster = task == "forecasting",
            Quantization = metadata.ContainsKey(RnnOnnxMetadata.Quantization)
                ? Parse(metadata, RnnOnnxMetadata.Quantization, source, "none or dynamic_int8", s => s switch
                {
                    "none" => OnnxQuantization.None,
                    "dynamic_int8" => (OnnxQuantization?)OnnxQuantization.DynamicInt8,
                    _ => null,
                })
                : OnnxQuantization.None,
            SkipPositions = !head.HasClasses && metadata.ContainsKey(RnnOnnxMetadata.InputSkip)
                ? Parse(metadata, RnnOnnxMetadata.InputSkip, source, "a JSON array of input positions", Positions)
                : null,
        };
    }

    private static IReadOnlyList<int>? Positions(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<int[]>(json) is { Length: > 0 } positions && positions.All(p => p >= 0) ? positions : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Optional(IReadOnlyDictionary<string, string> metadata, string key, string fallback, string source, string expected, Func<string, string?> parse) =>
        metadata.ContainsKey(key) ? Parse(metadata, key, source, expected, parse) : fallback;

    private static IReadOnlyList<string>? Strings(string json)
    {
        try
        {
            var values = JsonSerializer.Deserialize<string[]>(json);
            return values is not null && values.All(v => v is not null) ? values : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int PositiveInt(IReadOnlyDictionary<string, string> metadata, string key, string source) =>
        Parse(metadata, key, source, "a positive integer",
            s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : (int?)null);

    private static IReadOnlyList<string>? ClassNames(string json)
    {
        try
        {
            var names = JsonSerializer.Deserialize<string[]>(json);
            return names is { Length: > 0 } && names.All(n => n is not null) ? names : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T Parse<T>(IReadOnlyDictionary<string, string> metadata, string key, string source, string expected, Func<string, T?> parse)
        where T : class => Get(metadata, key, source) is var text && parse(text) is { } value
            ? value
            : throw Bad(key, source, metadata[key], expected);

    private static T Parse<T>(IReadOnlyDictionary<string, string> metadata, string key, string source, string expected, Func<string, T?> parse)
        where T : struct => Get(metadata, key, source) is var text && parse(text) is { } value
            ? value
            : throw Bad(key, source, metadata[key], expected);

    private static string Get(IReadOnlyDictionary<string, string> metadata, string key, string source) =>
        metadata.TryGetValue(key, out var value)
            ? value
            : throw new InvalidDataException($"{source} lacks the '{key}' metadata that RnnOnnxExporter always writes.");

    private static InvalidDataException Bad(string key, string source, string value, string expected) =>
        new($"{source} has '{key}' = '{value}' in its metadata; expected {expected}.");
}
