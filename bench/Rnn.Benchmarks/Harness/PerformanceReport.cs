using System.Text;

namespace Rnn.Benchmarks.Harness;

/// <summary>Writes the Markdown report: machine, the targets at a glance, then each benchmark's table and notes.</summary>
internal static class PerformanceReport
{
    public static string Markdown(MachineInfo machine, BenchSettings settings, IReadOnlyList<Section> sections, string loadBefore, string loadAfter, TimeSpan wall)
    {
        var md = new StringBuilder();
        md.AppendLine("# Performance");
        md.AppendLine();
        md.AppendLine("Written by the benchmark project; regenerate with");
        md.AppendLine();
        md.AppendLine("```bash");
        md.AppendLine("dotnet run -c Release --project bench/Rnn.Benchmarks");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine(
            "Every ratio below was measured side by side in this one run: the compared paths alternate in rounds after a warm-up, " +
            "and medians are reported. Absolute figures are context for this machine only. The machine is shared with other " +
            "builds and noisy (load averages below), so compare ratios, never absolute times across runs.");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        md.AppendLine($"| CPU | {machine.Cpu}, {machine.Cores} cores |");
        md.AppendLine($"| memory | {machine.MemoryTotal} |");
        md.AppendLine($"| OS | {machine.OperatingSystem} |");
        md.AppendLine($"| .NET | {machine.DotNet} |");
        md.AppendLine($"| TorchSharp | {machine.TorchSharp} (libtorch's default intra-op threads here: {machine.DefaultTorchThreads}) |");
        md.AppendLine($"| ONNX Runtime | {machine.OnnxRuntime} |");
        md.AppendLine($"| threads in the compared paths | {(settings.Threads > 0 ? $"{settings.Threads} intra-op thread(s) for libtorch and ONNX Runtime alike (`--threads {settings.Threads}`); runtime defaults are shown beside them" : "each runtime's default (`--threads 0`)")} |");
        md.AppendLine($"| load average (1 / 5 / 15 min) | before: {loadBefore}; after: {loadAfter} |");
        md.AppendLine($"| run | {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Format.Seconds(wall.TotalSeconds)} wall; sizes `{string.Join(' ', settings.ToArgs())}` |");
        md.AppendLine();
        md.AppendLine("## Targets");
        md.AppendLine();
        md.AppendLine("| measure | measured | target | met |");
        md.AppendLine("|---|---:|---:|:---:|");
        foreach (var target in sections.SelectMany(s => s.Targets))
            md.AppendLine($"| {target.Measure} | {target.Shown} | {target.Goal} | {(target.Met ? "yes" : "**no**")} |");
        foreach (var section in sections)
        {
            md.AppendLine();
            md.AppendLine($"## {section.Title}");
            md.AppendLine();
            md.AppendLine(section.Method);
            md.AppendLine();
            md.AppendLine("| " + string.Join(" | ", section.Header) + " |");
            md.AppendLine("|" + string.Join("|", section.Header.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
            foreach (var row in section.Rows)
                md.AppendLine("| " + string.Join(" | ", row) + " |");
            if (section.Notes.Count > 0)
            {
                md.AppendLine();
                foreach (var note in section.Notes)
                    md.AppendLine($"- {note}");
            }
        }

        // Hand-measured figures the defaults rest on: the same text in every run, so regenerating keeps them.
        md.AppendLine();
        md.Append(DefaultsNotes.Markdown);
        md.AppendLine();
        return md.ToString();
    }
}
