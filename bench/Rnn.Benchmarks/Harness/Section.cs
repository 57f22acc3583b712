namespace Rnn.Benchmarks.Harness;

/// <summary>One goal from the performance issue: the measured ratio, the bound it must meet, and whether it did.</summary>
/// <param name="Measure">What is compared, in words.</param>
/// <param name="Value">The measured ratio (or absolute figure where the goal is absolute).</param>
/// <param name="Goal">The bound as text, e.g. "≤ 1.05".</param>
/// <param name="Met">Whether <paramref name="Value"/> meets the bound.</param>
/// <param name="Shown">How the value is written in the table.</param>
internal sealed record Target(string Measure, double Value, string Goal, bool Met, string Shown)
{
    public static Target AtMost(string measure, double value, double bound, string unit = "×", string format = "F2") =>
        new(measure, value, $"≤ {bound.ToString(format)}{unit}", value <= bound, $"{value.ToString(format)}{unit}");

    public static Target AtLeast(string measure, double value, double bound, string unit = "×", string format = "F2") =>
        new(measure, value, $"≥ {bound.ToString(format)}{unit}", value >= bound, $"{value.ToString(format)}{unit}");
}

/// <summary>The results of one benchmark: a table of absolute figures and ratios, the targets it checks, and notes on them.</summary>
internal sealed class Section
{
    public Section(string title, string method, params string[] header)
    {
        Title = title;
        Method = method;
        Header = header;
    }

    public string Title { get; }

    /// <summary>How it was measured, one paragraph.</summary>
    public string Method { get; }

    public string[] Header { get; }

    public List<string[]> Rows { get; } = [];

    public List<Target> Targets { get; } = [];

    /// <summary>Findings worded from this run's numbers, e.g. why a target was missed.</summary>
    public List<string> Notes { get; } = [];

    public Section Row(params string[] cells)
    {
        if (cells.Length != Header.Length)
            throw new ArgumentException($"Row has {cells.Length} cells; the table '{Title}' has {Header.Length} columns.");
        Rows.Add(cells);
        return this;
    }
}
