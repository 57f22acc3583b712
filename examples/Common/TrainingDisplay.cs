using Rnn.MLNet;
using Spectre.Console;

namespace Rnn.Examples.Common;

/// <summary>Shows a live progress bar per epoch (loss, accuracy, ETA) while a trainer runs, and a line per finished epoch.</summary>
public static class TrainingDisplay
{
    /// <summary>
    /// Sets <see cref="RnnTrainerOptions.Progress"/> and runs <paramref name="fit"/> inside a Spectre.Console progress display.
    /// </summary>
    public static T Run<T>(RnnTrainerOptions options, Func<T> fit) => Run(options, fit, out _);

    /// <summary>As <see cref="Run{T}(RnnTrainerOptions, Func{T})"/>, also returning the end-of-epoch reports (for charts).</summary>
    public static T Run<T>(RnnTrainerOptions options, Func<T> fit, out TrainingHistory history)
    {
        var recorded = history = new TrainingHistory();
        // Redirected output (logs, CI) gets one plain line per epoch instead of redrawn bars.
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            options.Progress = new DirectProgress(report =>
            {
                recorded.Add(report);
                if (report.IsEpochEnd)
                    AnsiConsole.WriteLine($"epoch {report.Epoch}/{report.TotalEpochs}  lr {report.LearningRate:G3}  loss {report.Loss:F4}  {Training(report)}{Validation(report)}  elapsed {report.Elapsed.TotalSeconds:F0} s");
            });
            return Checked(fit(), recorded);
        }

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var epochs = new Dictionary<int, ProgressTask>();
                options.Progress = new DirectProgress(report =>
                {
                    recorded.Add(report);
                    if (!epochs.TryGetValue(report.Epoch, out var task))
                        epochs[report.Epoch] = task = context.AddTask($"epoch {report.Epoch}/{report.TotalEpochs}", maxValue: report.TotalRows ?? 1);
                    if (report.TotalRows is long total)
                        task.MaxValue = total;
                    task.Value = report.RowsSeen;
                    task.Description = $"epoch {report.Epoch}/{report.TotalEpochs}  lr {report.LearningRate:G3}  loss {report.Loss:F4}  {Training(report)}";
                    if (report.IsEpochEnd)
                    {
                        task.Description += Markup.Escape(Validation(report));
                        task.Value = task.MaxValue;
                        task.StopTask();
                    }
                });
                result = fit();
            });
        return Checked(result, recorded);
    }

    // A trainer copies its options when it is created: one created before this call never reports here.
    private static T Checked<T>(T result, TrainingHistory recorded) => recorded.Epochs.Count > 0 ? result
        : throw new InvalidOperationException("Training finished without a single progress report: create the trainer inside the call to TrainingDisplay.Run, after it has set RnnTrainerOptions.Progress.");

    /// <summary>"train acc …", or a regressor's "train RMSE … MAE …" (in the label's units).</summary>
    private static string Training(RnnTrainingProgress report) =>
        report.RootMeanSquaredError is double rmse ? $"train RMSE {rmse:F1} MAE {report.MeanAbsoluteError:F1}" : $"train acc {report.Accuracy:P2}";

    /// <summary>"  val loss … acc … (best)" (a regressor: RMSE and MAE) when the trainer has a validation set, else empty.</summary>
    private static string Validation(RnnTrainingProgress report) =>
        report.ValidationLoss is double loss
            ? $"  val loss {loss:F4}  " +
              (report.ValidationRootMeanSquaredError is double rmse ? $"val RMSE {rmse:F1} MAE {report.ValidationMeanAbsoluteError:F1}" : $"val acc {report.ValidationAccuracy:P2}") +
              (report.IsBestEpoch ? " (best)" : "")
            : "";

    /// <summary>Reports on the training thread, so the display is up to date when Fit returns.</summary>
    private sealed class DirectProgress(Action<RnnTrainingProgress> report) : IProgress<RnnTrainingProgress>
    {
        public void Report(RnnTrainingProgress value) => report(value);
    }
}
