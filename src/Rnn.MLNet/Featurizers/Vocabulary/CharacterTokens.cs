using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// Characters as tokens with ML.NET's built-ins. <c>TokenizeIntoCharactersAsKeys</c> (without its start/end marker
/// characters) gives one key per UTF-16 code unit; <c>MapKeyToValue</c> turns keys into text, but the tokenizer names
/// some characters by a picture (space is "&lt;␠&gt;", control characters get control pictures or abbreviations).
/// A <c>MapValue</c> step then turns those names back into the characters, so the vocabulary holds real characters.
/// </summary>
internal static class CharacterTokens
{
    /// <summary>Text → character keys → character names, in <paramref name="namesColumn"/>.</summary>
    public static IEnumerable<IEstimator<ITransformer>> Split(MLContext ml, string textColumn, string keysColumn, string namesColumn)
    {
        yield return ml.Transforms.Text.TokenizeIntoCharactersAsKeys(keysColumn, textColumn, useMarkerCharacters: false);
        yield return ml.Transforms.Conversion.MapKeyToValue(namesColumn, keysColumn);
    }

    /// <summary>Names → characters for the vocabulary's names; any other name becomes empty text, i.e. unknown.</summary>
    public static IEstimator<ITransformer> Unname(MLContext ml, IReadOnlyList<(string Name, string Character)> vocabulary, string namesColumn, string outputColumn) =>
        ml.Transforms.Conversion.MapValue(outputColumn, vocabulary.Select(v => new KeyValuePair<string, string>(v.Name, v.Character)), namesColumn);

    /// <summary>
    /// For each character name, the character it stands for, read from the tokenizer's own KeyValues (key k is the
    /// character with code k). A name that several code units share (ML.NET names every surrogate alike) stands
    /// for itself: no single character is right for it.
    /// </summary>
    public static Dictionary<string, string> Characters(DataViewSchema.Column keysColumn)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        keysColumn.Annotations.GetValue(AnnotationNames.KeyValues, ref names);
        var characters = new Dictionary<string, string>(StringComparer.Ordinal);
        int code = 1;
        foreach (var value in names.DenseValues())
        {
            string name = value.ToString();
            string character = ((char)code++).ToString();
            characters[name] = characters.ContainsKey(name) ? name : character;
        }
        return characters;
    }
}
