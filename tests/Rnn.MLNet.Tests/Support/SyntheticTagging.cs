using Microsoft.ML;

namespace Rnn.MLNet.Tests;

/// <summary>One token sequence with a tag per token.</summary>
public sealed class TaggedRow
{
    public string[] Tokens { get; set; } = [];

    public string[] Tags { get; set; } = [];

    public string Topic { get; set; } = "";
}

/// <summary>
/// Tiny tagging task that needs memory: a token's tag is (its index + the previous token's index) mod 3.
/// Each row also carries a sequence-level topic (the most frequent token) for token classification.
/// </summary>
public static class SyntheticTagging
{
    public static readonly string[] Words = ["ant", "bee", "cat", "dog", "eel"];

    public static TaggedRow[] Generate(int count, int seed, int minLength = 1, int maxLength = 8)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            int length = random.Next(minLength, maxLength + 1);
            var indices = Enumerable.Range(0, length).Select(_ => random.Next(Words.Length)).ToArray();
            var tags = indices.Select((w, t) => "t" + ((w + (t == 0 ? 0 : indices[t - 1])) % 3)).ToArray();
            string topic = Words[indices.GroupBy(i => i).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key];
            return new TaggedRow { Tokens = [.. indices.Select(i => Words[i])], Tags = tags, Topic = topic };
        })];
    }

    /// <summary>Tokens and tags as key vectors, keyed on <paramref name="fitOn"/>.</summary>
    public static ITransformer Keys(MLContext ml, IDataView fitOn, string labelColumn = "Tags") =>
        ml.Transforms.Conversion.MapValueToKey("Features", "Tokens")
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", labelColumn))
            .Fit(fitOn);

    public static RnnTrainerOptions TaggerOptions(int embeddingSize) => new()
    {
        Task = SequenceTask.Labeling,
        CellType = RnnCellType.Lstm,
        EmbeddingSize = embeddingSize,
        HiddenSize = 16,
        Epochs = 15,
        BatchSize = 32,
        LearningRate = 0.03f,
        Seed = 3,
        Device = "cpu",
    };
}
