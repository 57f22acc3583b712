using System.Globalization;

namespace Rnn.Examples.Common;

/// <summary>Reads "--name value" pairs and "--flag" switches from an example's command line.</summary>
public sealed class ExampleArguments
{
    private readonly Dictionary<string, string> _values;

    private ExampleArguments(Dictionary<string, string> values) => _values = values;

    /// <summary>Parses "--name value" pairs; a "--name" followed by another "--name" or by nothing is a switch ("true").</summary>
    public static ExampleArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || args[i].Length == 2)
                throw new ArgumentException($"Unexpected argument '{args[i]}'; use --name value pairs or --switch.");
            bool isSwitch = i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal);
            values[args[i][2..]] = isSwitch ? "true" : args[++i];
        }

        return new ExampleArguments(values);
    }

    /// <summary>True when --<paramref name="name"/> was given as a switch (or as "--name true").</summary>
    public bool GetSwitch(string name) =>
        _values.TryGetValue(name, out var text) && (text.Equals("true", StringComparison.OrdinalIgnoreCase)
            || (!text.Equals("false", StringComparison.OrdinalIgnoreCase) ? throw new ArgumentException($"--{name} is a switch; got '{text}'.") : false));

    /// <summary>The value of --<paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public string GetString(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    /// <summary>The whole-number value of --<paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public int GetInt(string name, int fallback) =>
        _values.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
                : throw new ArgumentException($"--{name} takes a whole number; got '{text}'.")
            : fallback;

    /// <summary>The number value of --<paramref name="name"/> (invariant culture, e.g. 0.002), or <paramref name="fallback"/>.</summary>
    public float GetFloat(string name, float fallback) =>
        _values.TryGetValue(name, out var text)
            ? float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value) ? value
                : throw new ArgumentException($"--{name} takes a number such as 0.002; got '{text}'.")
            : fallback;
}
