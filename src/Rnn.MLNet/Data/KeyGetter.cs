using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>Reads a key column of any unsigned raw type as <see cref="ulong"/>.</summary>
internal static class KeyGetter
{
    public static Func<ulong> Create(DataViewRow row, DataViewSchema.Column column)
    {
        var raw = column.Type.RawType;
        if (raw == typeof(uint))
            return Wrap<uint>(row, column, v => v);
        if (raw == typeof(ulong))
            return Wrap<ulong>(row, column, v => v);
        if (raw == typeof(ushort))
            return Wrap<ushort>(row, column, v => v);
        if (raw == typeof(byte))
            return Wrap<byte>(row, column, v => v);
        throw new ArgumentOutOfRangeException(nameof(column), $"Label column '{column.Name}' has key raw type {raw.Name}; expected an unsigned integer key.");
    }

    private static Func<ulong> Wrap<T>(DataViewRow row, DataViewSchema.Column column, Func<T, ulong> widen)
    {
        var getter = row.GetGetter<T>(column);
        T value = default!;
        return () =>
        {
            getter(ref value);
            return widen(value);
        };
    }
}
