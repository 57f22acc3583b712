using System.Globalization;

namespace Rnn.MLNet;

/// <summary>Option validation with messages that name the options class, the option, its value and what was expected.</summary>
internal static class OptionChecks
{
    public static void Positive(string owner, string option, int value, string meaning)
    {
        if (value <= 0)
            throw Bad(owner, option, value, $"a whole number ≥ 1 ({meaning})");
    }

    public static void ColumnName(string owner, string option, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw Bad(owner, option, value, "a column name");
    }

    public static void Defined<TEnum>(string owner, string option, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw Bad(owner, option, value, $"one of {string.Join(", ", Enum.GetNames<TEnum>())}");
    }

    public static void FinitePositive(string owner, string option, float value)
    {
        if (!(value > 0) || float.IsInfinity(value))
            throw Bad(owner, option, value, "a finite number > 0");
    }

    public static ArgumentOutOfRangeException Bad(string owner, string option, object? value, string expected) =>
        new(option, value, $"{owner}.{option} is {Show(value)}; expected {expected}.");

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
