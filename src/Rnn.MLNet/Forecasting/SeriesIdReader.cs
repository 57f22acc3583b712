using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>Reads a series id column as text: a string, a key (its value's text, or its number), or an integer.</summary>
internal static class SeriesIdReader
{
    public static Func<long, string> Create(DataViewRow row, DataViewSchema.Column column)
    {
        var type = column.Type;
        if (type is TextDataViewType)
        {
            var getter = row.GetGetter<ReadOnlyMemory<char>>(column);
            ReadOnlyMemory<char> text = default;
            return position =>
            {
                getter(ref text);
                if (text.IsEmpty)
                    throw new InvalidOperationException($"Series id column '{column.Name}', row {position}: the id is empty; every row needs its series' id.");
                return text.ToString();
            };
        }

        if (type is KeyDataViewType key && key.RawType == typeof(uint))
        {
            var getter = row.GetGetter<uint>(column);
            var names = KeyNames(column, key);
            uint value = 0;
            return position =>
            {
                getter(ref value);
                if (value == 0)
                    throw new InvalidOperationException($"Series id column '{column.Name}', row {position}: the key is missing (0); every row needs its series' id.");
                return names is not null && value <= names.Length ? names[value - 1] : value.ToString(CultureInfo.InvariantCulture);
            };
        }

        if (type == NumberDataViewType.Int32)
            return Number<int>(row, column);
        if (type == NumberDataViewType.Int64)
            return Number<long>(row, column);
        if (type == NumberDataViewType.UInt32)
            return Number<uint>(row, column);
        throw new ArgumentOutOfRangeException(nameof(column),
            $"Series id column '{column.Name}' has type {type}; expected text, a key, or an integer (Int32, Int64, UInt32).");
    }

    private static Func<long, string> Number<T>(DataViewRow row, DataViewSchema.Column column)
        where T : IFormattable
    {
        var getter = row.GetGetter<T>(column);
        T value = default!;
        return _ =>
        {
            getter(ref value);
            return value.ToString(null, CultureInfo.InvariantCulture);
        };
    }

    private static string[]? KeyNames(DataViewSchema.Column column, KeyDataViewType key)
    {
        if (column.Annotations.Schema.GetColumnOrNull(AnnotationNames.KeyValues) is not { Type: VectorDataViewType { ItemType: TextDataViewType } })
            return null;
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.Annotations.GetValue(AnnotationNames.KeyValues, ref values);
        return [.. values.DenseValues().Select(v => v.ToString())];
    }
}
