using System.Diagnostics;
using Spectre.Console;

namespace Rnn.Benchmarks.Harness;

/// <summary>
/// Shows which benchmark runs and how far it got: live bars on a terminal, one timestamped line per step when the
/// output is redirected (so a log shows where a long run is).
/// </summary>
internal sealed class BenchProgress
{
    private readonly ProgressContext? _context;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private BenchProgress(ProgressContext? context) => _context = context;

    /// <summary>Runs <paramref name="body"/> under a progress display.</summary>
    public static T Run<T>(Func<BenchProgress, T> body)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            return body(new BenchProgress(null));

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context => result = body(new BenchProgress(context)));
        return result;
    }

    /// <summary>Starts a benchmark of <paramref name="steps"/> steps.</summary>
    public Step Begin(string name, int steps) => new(this, name, steps);

    private void Line(string text) => AnsiConsole.MarkupLineInterpolated($"[grey]{_clock.Elapsed:mm\\:ss}[/] {text}");

    /// <summary>One benchmark's share of the display.</summary>
    internal sealed class Step
    {
        private readonly BenchProgress _owner;
        private readonly string _name;
        private readonly ProgressTask? _task;
        private readonly int _steps;
        private int _done;

        public Step(BenchProgress owner, string name, int steps)
        {
            _owner = owner;
            _name = name;
            _steps = Math.Max(1, steps);
            _task = owner._context?.AddTask(Markup.Escape(name), maxValue: _steps);
            if (_task is null)
                owner.Line($"{name} …");
        }

        /// <summary>Marks one step done and says what is running next.</summary>
        public void Advance(string detail)
        {
            _done = Math.Min(_steps, _done + 1);
            Show(detail);
            if (_task is not null)
                _task.Value = _done;
        }

        /// <summary>Says what is running without counting a step.</summary>
        public void Show(string detail)
        {
            if (_task is not null)
                _task.Description = Markup.Escape($"{_name}: {detail}");
            else
                _owner.Line($"{_name} [{_done}/{_steps}]: {detail}");
        }

        public void Done(string summary)
        {
            if (_task is not null)
            {
                _task.Description = Markup.Escape($"{_name}: {summary}");
                _task.Value = _steps;
                _task.StopTask();
            }
            else
            {
                _owner.Line($"{_name} done: {summary}");
            }
        }
    }
}
