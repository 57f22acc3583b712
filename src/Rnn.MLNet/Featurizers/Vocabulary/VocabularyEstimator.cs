using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace Rnn.MLNet;

/// <summary>
/// Tokens → one key per step: the one implementation behind <see cref="VocabularyOneHotEstimator"/> and
/// <see cref="EmbeddingIndicesEstimator"/>, which differ only in their default vocabulary size and in how the trainer
/// feeds the keys (one-hot rows or a learned embedding). Everything it fits is an ML.NET built-in: [NormalizeText] →
/// [TokenizeIntoWords | TokenizeIntoCharactersAsKeys + MapKeyToValue] → [ApplyOnnxModel: Slice] → [MapValue:
/// character names] → MapValueToKey with the counted vocabulary as keyData → DropColumns of the helper columns.
/// </summary>
public abstract class VocabularyEstimator : IEstimator<VocabularyTransformer>
{
    private readonly MLContext _ml;
    private readonly DevicePolicy _devices;
    private readonly VocabularyOptions _options;

    private protected VocabularyEstimator(HostContext context, VocabularyOptions options, string name)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _ml = context.Builder;
        _devices = context.Devices;
        _options = options.Clone();
        Name = name;
    }

    /// <summary>The featurizer's name in messages.</summary>
    internal string Name { get; }

    /// <summary>Checks the input column and describes the output (a variable-size vector of keys) without fitting.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var column = ColumnLookup.Find(inputSchema, _options.InputColumn, $"{Name}: input column");
        VocabularyInput.CheckType(_options, Name, column.ItemType, column.IsKey, column.Kind == SchemaShape.Column.VectorKind.Scalar, FeaturizerColumns.Describe(column));
        // Only the column kinds matter before Fit: a stand-in vocabulary gives the same output shape.
        var placeholder = new[] { ("a", "a") };
        return Build(truncate: true, knownLength: null, placeholder).Chain.GetOutputSchema(inputSchema);
    }

    /// <summary>Counts tokens, builds the vocabulary and returns the fitted transformer.</summary>
    /// <exception cref="InvalidOperationException">No token is frequent enough to enter the vocabulary.</exception>
    public VocabularyTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        VocabularyInput.Check(input.Schema, _options, Name, knownLength: null);

        // The truncation graph must declare a fixed length when ML.NET will feed a known-size vector.
        var tokenized = Build(truncate: false, knownLength: null, vocabulary: null);
        using var tokenizer = tokenized.Chain.Fit(input);
        var tokenSchema = tokenizer.GetOutputSchema(input.Schema);
        int? knownLength = tokenSchema[tokenized.TokenColumn].Type is VectorDataViewType { IsKnownSize: true } v ? v.Size : null;

        var counting = Build(truncate: true, knownLength, vocabulary: null);
        using var countingModel = counting.Chain.Fit(input);
        var counts = TokenCounts.Count(countingModel.Transform(input), counting.TokenColumn);
        var seen = counts.Select(_options.MinimumFrequency, _options.MaximumVocabularySize);
        if (seen.Count == 0)
            throw EmptyVocabulary(counts);

        // Character tokens are counted under the tokenizer's names for them; the vocabulary holds the characters.
        var names = counting.CharacterKeysColumn is { } keys
            ? CharacterTokens.Characters(countingModel.GetOutputSchema(input.Schema)[keys])
            : null;
        var vocabulary = seen.Select(s => (Seen: s, Token: names?.GetValueOrDefault(s, s) ?? s)).ToArray();

        var final = Build(truncate: true, knownLength, vocabulary);
        return new VocabularyTransformer(final.Chain.Fit(input), vocabulary.Select(v => v.Token).ToArray(), _options, Name, knownLength);
    }

    private InvalidOperationException EmptyVocabulary(TokenCounts counts)
    {
        string where = $"{Name}: the vocabulary of input column '{_options.InputColumn}' is empty";
        return counts.MostFrequent is (var token, var count)
            ? new InvalidOperationException(
                $"{where}: no token occurs at least MinimumFrequency = {_options.MinimumFrequency} times " +
                $"({counts.Distinct} distinct tokens, the most frequent is \"{token}\" × {count}). Lower MinimumFrequency.")
            : new InvalidOperationException($"{where}: the training data has no tokens.");
    }

    private sealed record Steps(EstimatorChain<ITransformer> Chain, string TokenColumn, string? CharacterKeysColumn);

    /// <summary>
    /// The built-in steps. Without a vocabulary they stop at the token column (for counting);
    /// with one they go on to the keys and drop the helper columns.
    /// </summary>
    private Steps Build(bool truncate, int? knownLength, IReadOnlyList<(string Seen, string Token)>? vocabulary)
    {
        string output = _options.OutputColumnName;
        var steps = new List<IEstimator<ITransformer>>();
        var helpers = new List<string>();
        string Helper(string step)
        {
            string name = FeaturizerColumns.Temporary(output, step);
            helpers.Add(name);
            return name;
        }

        string current = _options.InputColumn;
        if (!_options.CaseSensitive)
        {
            // Only the case changes: diacritics, punctuation and digits stay.
            string lower = Helper("Lower");
            steps.Add(_ml.Transforms.Text.NormalizeText(lower, current, TextNormalizingEstimator.CaseMode.Lower,
                keepDiacritics: true, keepPunctuations: true, keepNumbers: true));
            current = lower;
        }

        string? characterKeys = null;
        if (_options.Tokenization == TextTokenization.Words)
        {
            string words = Helper("Words");
            steps.Add(_ml.Transforms.Text.TokenizeIntoWords(words, current, _options.Separators));
            current = words;
        }
        else if (_options.Tokenization == TextTokenization.Characters)
        {
            characterKeys = Helper("CharacterKeys");
            string names = Helper("CharacterNames");
            steps.AddRange(CharacterTokens.Split(_ml, current, characterKeys, names));
            current = names;
        }

        if (truncate && _options.MaximumLength is int maximum)
        {
            string kept = Helper("Kept");
            steps.Add(OnnxStep.Create(_devices, kept, current, TruncationGraph.Build(current, kept, maximum, _options.Truncation, knownLength)));
            current = kept;
        }

        if (vocabulary is null)
            return new Steps(OnnxStep.Chain(steps), current, characterKeys);

        if (characterKeys is not null)
        {
            string characters = Helper("Characters");
            steps.Add(CharacterTokens.Unname(_ml, vocabulary, current, characters));
            current = characters;
        }

        // With keyData, MapValueToKey gives the i-th row key i + 1 and every other token the missing key 0.
        var keyData = _ml.Data.LoadFromEnumerable(vocabulary.Select(v => new VocabularyRow { Token = v.Token }));
        steps.Add(_ml.Transforms.Conversion.MapValueToKey(output, current, keyData: keyData));
        if (helpers.Count > 0)
            steps.Add(_ml.Transforms.DropColumns([.. helpers]));
        return new Steps(OnnxStep.Chain(steps), output, characterKeys);
    }

    private sealed class VocabularyRow
    {
        public string Token { get; set; } = "";
    }
}
