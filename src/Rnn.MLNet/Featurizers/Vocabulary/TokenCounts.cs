using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>Counts tokens over the training rows and picks the vocabulary: frequent enough, most frequent first, ties in ordinal order.</summary>
internal sealed class TokenCounts
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public static TokenCounts Count(IDataView data, string column)
    {
        var counts = new TokenCounts();
        var col = data.Schema[column];
        using var cursor = data.GetRowCursor([col]);
        var getter = cursor.GetGetter<VBuffer<ReadOnlyMemory<char>>>(col);
        VBuffer<ReadOnlyMemory<char>> tokens = default;
        while (cursor.MoveNext())
        {
            getter(ref tokens);
            foreach (var token in tokens.DenseValues())
            {
                // ML.NET treats empty text as missing; it never gets a key of its own.
                if (token.IsEmpty)
                    continue;
                var text = token.ToString();
                counts._counts[text] = counts._counts.GetValueOrDefault(text) + 1;
            }
        }
        return counts;
    }

    public int Distinct => _counts.Count;

    /// <summary>Tokens seen at least <paramref name="minimumFrequency"/> times, the <paramref name="maximumSize"/> most frequent.</summary>
    public IReadOnlyList<string> Select(int minimumFrequency, int maximumSize) =>
        _counts.Where(c => c.Value >= minimumFrequency)
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(maximumSize)
            .Select(c => c.Key)
            .ToArray();

    /// <summary>The most frequent token and its count, for messages; null when nothing was counted.</summary>
    public (string Token, long Count)? MostFrequent =>
        _counts.Count == 0 ? null : _counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value)).First();
}
