using Microsoft.ML;
using Rnn.Benchmarks.Baselines;
using Rnn.Benchmarks.Data;
using Rnn.Benchmarks.Harness;
using Rnn.MLNet;
using Rnn.Onnx;

namespace Rnn.Benchmarks.Measurements;

/// <summary>
/// The integer-sequence task (examples/IntegerSequences: 1,024 training and 256 test sequences): time until 100% test
/// accuracy with Rnn.MLNet's batched training, against the tutorial's way (nn.RNN(1, 2) + Linear, one sequence per
/// Adam step), which gets until it reaches 100% or runs out of epochs or time.
/// </summary>
internal static class SeedComparison
{
    private const int TutorialHidden = 2;
    private const double TutorialLearningRate = 1e-3;

    public static Section Run(BenchSettings settings, BenchProgress progress)
    {
        var step = progress.Begin("Integer sequences", 2);
        var ml = new MLContext(seed: 1);
        var trainRows = RolledIntegers.Generate(1024, seed: 1337);
        var testRows = RolledIntegers.Generate(256, seed: 7);
        var train = ml.Data.LoadFromEnumerable(trainRows);
        var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(train);
        var keyedTrain = keys.Transform(train);
        var keyedTest = keys.Transform(ml.Data.LoadFromEnumerable(testRows));

        // Fit is deterministic for a seed, so Fit with E epochs is exactly the first E epochs of a longer run:
        // the first E whose model scores 100% is when this way gets there.
        (int Epochs, double Seconds, double Accuracy) ours = (0, 0, 0);
        for (int epochs = 1; epochs <= settings.SeedEpochs; epochs++)
        {
            step.Show($"Rnn.MLNet, {epochs} epoch(s)");
            var options = Options(epochs);
            RnnTransformer? model = null;
            double seconds = Timing.Seconds(() => model = new RnnTrainer(ml, options).Fit(keyedTrain));
            double accuracy = ml.MulticlassClassification.Evaluate(model!.Transform(keyedTest)).MicroAccuracy;
            model!.Dispose();
            ours = (epochs, seconds, accuracy);
            if (accuracy >= 1.0)
                break;
        }

        step.Advance($"tutorial's way, up to {settings.TutorialEpochs} epochs or {settings.TutorialSeconds} s");
        using var tutorial = new TutorialRnn(trainRows, testRows, TutorialHidden, TutorialLearningRate, seed: 1);
        double tutorialSeconds = 0, best = 0;
        int tutorialEpochs = 0;
        while (tutorialEpochs < settings.TutorialEpochs && tutorialSeconds < settings.TutorialSeconds && best < 1.0)
        {
            tutorialSeconds += Timing.Seconds(tutorial.Epoch);
            tutorialEpochs++;
            best = Math.Max(best, tutorial.TestAccuracy());
            if (tutorialEpochs % 5 == 0)
                step.Show($"tutorial's way: epoch {tutorialEpochs}, best test accuracy {Format.Percent(best)}");
        }

        bool oursReached = ours.Accuracy >= 1.0, tutorialReached = best >= 1.0;
        var o = Options(ours.Epochs);
        var section = new Section(
            "Integer sequences: time to 100% test accuracy",
            $"Rolled 0..9 sequences, first 9 values in, the 10th is the class; 1,024 training and 256 test sequences. " +
            $"Rnn.MLNet: the example's settings (Elman tanh, hidden {o.HiddenSize}, batch {o.BatchSize}, Adam lr {o.LearningRate}), Fit with 1, 2, … epochs " +
            $"until the test accuracy is 100% (at most {settings.SeedEpochs}); the time is that whole Fit call. " +
            $"Tutorial's way, in TorchSharp: nn.RNN(1, {TutorialHidden}) + Linear({TutorialHidden}, 10), one sequence per Adam step (lr {TutorialLearningRate}), " +
            $"test accuracy checked after every epoch (not timed), stopped at 100%, {settings.TutorialEpochs} epochs or {settings.TutorialSeconds} s of training.",
            "way", "test accuracy", "epochs", "optimizer steps", "training time");
        section.Row("Rnn.MLNet `RnnTrainer` (batched)", Format.Percent(ours.Accuracy), Format.Int(ours.Epochs), Format.Int(ours.Epochs * (long)Math.Ceiling(1024.0 / o.BatchSize)), Format.Duration(ours.Seconds));
        section.Row("tutorial's way (one sequence per step)", $"{Format.Percent(best)} (best)", Format.Int(tutorialEpochs), Format.Int(tutorialEpochs * 1024L), Format.Duration(tutorialSeconds));
        section.Notes.Add((oursReached, tutorialReached) switch
        {
            (true, true) => $"Both reach 100%; the tutorial's way takes {Format.Ratio(tutorialSeconds / ours.Seconds)} as long.",
            (true, false) => $"Rnn.MLNet reaches 100% in {Format.Duration(ours.Seconds)}; the tutorial's way has not reached it after {Format.Duration(tutorialSeconds)} " +
                             $"({tutorialEpochs} epochs, best {Format.Percent(best)}; the tutorial itself reports 60.2% after 500 epochs).",
            (false, true) => $"The tutorial's way reaches 100% in {Format.Duration(tutorialSeconds)}; Rnn.MLNet did not within {settings.SeedEpochs} epochs.",
            _ => $"Neither reaches 100% within the caps (Rnn.MLNet {Format.Percent(ours.Accuracy)} after {ours.Epochs} epochs, tutorial best {Format.Percent(best)}).",
        });
        step.Done(oursReached ? $"Rnn.MLNet 100% in {Format.Duration(ours.Seconds)}; tutorial best {Format.Percent(best)}" : "Rnn.MLNet did not reach 100%");
        return section;
    }

    private static RnnTrainerOptions Options(int epochs) => new()
    {
        CellType = RnnCellType.Tanh, InputSize = 1, HiddenSize = 32, Epochs = epochs, BatchSize = 32, LearningRate = 0.01f, Seed = 1, Device = "cpu",
    };
}
