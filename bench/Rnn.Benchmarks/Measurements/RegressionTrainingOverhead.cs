using Microsoft.ML;
using Microsoft.ML.Data;
using Rnn.Benchmarks.Baselines;
using Rnn.Benchmarks.Data;
using Rnn.Benchmarks.Harness;
using Rnn.MLNet;
using static TorchSharp.torch;

namespace Rnn.Benchmarks.Measurements;

/// <summary>
/// The regression counterpart of <see cref="TrainingOverhead"/>: RnnTrainer.Fit with Task = Regression (a Single label,
/// standardised inside the trainer) against a hand-written TorchSharp loop with mean squared error on targets standardised once,
/// same rows, same LSTM 28→128, batch 256, Adam.
/// </summary>
internal static class RegressionTrainingOverhead
{
    private const int Hidden = 128;
    private const int BatchSize = 256;

    public static Section Run(BenchSettings settings, BenchProgress progress)
    {
        var step = progress.Begin("Regression training overhead", settings.TrainingRounds + 1);
        var ml = new MLContext(seed: 1);
        var rows = ImageRows.Generate(settings.TrainingRows, seed: 2);
        // A target that needs the whole sequence: the mean pixel, in "units" far from 0 so standardising matters.
        var targets = rows.Select(r => 100 + 50 * r.Features.Average()).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows.Select((r, i) => new RegressionRow { Features = r.Features, Label = targets[i] }));
        var (x, _) = TrainingTensors.From(rows);
        float mean = targets.Average(), scale = MathF.Sqrt(targets.Select(t => (t - mean) * (t - mean)).Average());
        using var y = tensor(targets.Select(t => (t - mean) / scale).ToArray(), [rows.Length, 1]);

        var times = TrainingOverhead.Rounds(settings, step,
            epochs => FitTimer.Run(ml, data, new RnnTrainerOptions
            {
                Task = SequenceTask.Regression, InputSize = ImageRow.StepWidth, HiddenSize = Hidden, BatchSize = BatchSize, Epochs = epochs, Seed = 1, Device = "cpu",
            }),
            (packed, epochs) =>
            {
                using var loop = new BareTorchTraining(x, y, Hidden, classes: 1, BatchSize, packed, seed: 1);
                return [.. Enumerable.Range(0, epochs).Select(_ => Timing.Seconds(loop.Epoch))];
            },
            () => TrainingOverhead.ReadAll(data, "Label"));
        x.Dispose();

        int n = settings.TrainingRows;
        var section = new Section(
            "Regression training overhead",
            $"As the training overhead above, for a regressor: LSTM 28→{Hidden} + linear head to one target (Task = Regression, a Single label; " +
            $"Fit measures the target's mean and spread in one pass and standardises each batch), {n:N0} rows of 28 steps × 28 features, batch {BatchSize}, " +
            $"Adam, {get_num_threads()} libtorch threads; the bare loop minimises mean squared error on targets standardised once beforehand. " +
            $"{settings.TrainingRounds} rounds of {settings.TrainingEpochs} epochs, paths interleaved after a warm-up round; medians of all epochs.",
            "path", "epoch", "rows/s", "Fit ÷ path");
        section.Row("`RnnTrainer.Fit`, `Task = Regression` (IDataView in, targets standardised, RMSE/MAE reported)", Format.Ms(times.FitEpoch), Format.Rate(n / times.FitEpoch), Format.Ratio(1));
        section.Row("bare TorchSharp regression loop over the padded tensor (MSE)", Format.Ms(times.PaddedEpoch), Format.Rate(n / times.PaddedEpoch), Format.Ratio(times.FitEpoch / times.PaddedEpoch));
        section.Row("context: bare TorchSharp regression loop over packed sequences", Format.Ms(times.PackedEpoch), Format.Rate(n / times.PackedEpoch), Format.Ratio(times.FitEpoch / times.PackedEpoch));
        section.Row("context: reading the IDataView once (features + label)", Format.Ms(times.Read), Format.Rate(n / times.Read), "—");
        section.Row($"context: whole `Fit` call ({settings.TrainingEpochs} epoch(s) + the target pass + setup + ONNX export + session)", Format.Ms(times.Wall), "—", "—");
        section.Targets.Add(Target.AtMost("Regression training: Fit epoch ÷ bare TorchSharp loop, same tensors and model", times.FitEpoch / times.PaddedEpoch, 1.05));
        section.Notes.Add($"Library overhead for a regressor over the same kernels: {Format.Percent(times.FitEpoch / times.PaddedEpoch - 1)}.");
        step.Done($"Fit ÷ bare loop {Format.Ratio(times.FitEpoch / times.PaddedEpoch)}");
        return section;
    }

    private sealed class RegressionRow
    {
        [VectorType(ImageRow.Steps * ImageRow.StepWidth)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }
}
