using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>Reads a time column (DateTime, DateTimeOffset or a number) as a comparable value plus its text for messages.</summary>
internal static class TimeReader
{
    public static Func<(double Value, string Text)> Create(DataViewRow row, DataViewSchema.Column column)
    {
        var type = column.Type;
        if (type is DateTimeDataViewType)
            return Read<DateTime>(row, column, d => d.Ticks, d => d.ToString("O", CultureInfo.InvariantCulture));
        if (type is DateTimeOffsetDataViewType)
            return Read<DateTimeOffset>(row, column, d => d.UtcTicks, d => d.ToString("O", CultureInfo.InvariantCulture));
        if (type == NumberDataViewType.Single)
            return Read<float>(row, column, v => v, v => v.ToString(CultureInfo.InvariantCulture));
        if (type == NumberDataViewType.Double)
            return Read<double>(row, column, v => v, v => v.ToString(CultureInfo.InvariantCulture));
        if (type == NumberDataViewType.Int32)
            return Read<int>(row, column, v => v, v => v.ToString(CultureInfo.InvariantCulture));
        if (type == NumberDataViewType.Int64)
            return Read<long>(row, column, v => v, v => v.ToString(CultureInfo.InvariantCulture));
        if (type == NumberDataViewType.UInt32)
            return Read<uint>(row, column, v => v, v => v.ToString(CultureInfo.InvariantCulture));
        throw new ArgumentOutOfRangeException(nameof(column),
            $"Time column '{column.Name}' has type {type}; expected DateTime, DateTimeOffset or a number (Int32, Int64, UInt32, Single, Double).");
    }

    private static Func<(double, string)> Read<T>(DataViewRow row, DataViewSchema.Column column, Func<T, double> value, Func<T, string> text)
    {
        var getter = row.GetGetter<T>(column);
        T current = default!;
        return () =>
        {
            getter(ref current);
            return (value(current), text(current));
        };
    }
}
