using System.Globalization;

namespace Rnn.MLNet;

/// <summary>
/// How the learning rate changes from epoch to epoch (<see cref="RnnTrainerOptions.LearningRateSchedule"/>): constant,
/// step decay, cosine with warm-up, or reduce-on-plateau. The rate changes at epoch boundaries; every epoch's rate shows
/// in <see cref="RnnTrainingProgress.LearningRate"/> and the log, and a checkpoint resumes the schedule exactly.
/// </summary>
public abstract class RnnLearningRateSchedule
{
    private protected RnnLearningRateSchedule()
    {
    }

    /// <summary><see cref="RnnTrainerOptions.LearningRate"/> in every epoch (the default).</summary>
    public static RnnLearningRateSchedule Constant { get; } = new ConstantRate();

    /// <summary>The rate times <paramref name="factor"/> after every <paramref name="stepEpochs"/> epochs: epoch e trains at rate × factor^⌊(e − 1) / stepEpochs⌋.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepEpochs"/> &lt; 1, or <paramref name="factor"/> outside (0, 1].</exception>
    public static RnnLearningRateSchedule StepDecay(int stepEpochs, float factor = 0.5f) => new StepDecayRate(
        Checked(stepEpochs, nameof(stepEpochs), "epochs between decays"), Factor(factor, nameof(factor)));

    /// <summary>
    /// A linear warm-up over the first <paramref name="warmupEpochs"/> epochs (epoch e ≤ w trains at rate × e / (w + 1)), then
    /// a half cosine from the rate towards <paramref name="minimumLearningRate"/>, which it would reach one epoch after the
    /// last: epoch e &gt; w of E trains at minimum + (rate − minimum) × (1 + cos(π (e − w − 1) / (E − w))) / 2, so the last
    /// epoch still learns.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="warmupEpochs"/> &lt; 0, or the minimum is negative or not finite.</exception>
    public static RnnLearningRateSchedule CosineWithWarmup(int warmupEpochs = 0, float minimumLearningRate = 0f) => new CosineRate(
        warmupEpochs >= 0 ? warmupEpochs : throw Bad(nameof(warmupEpochs), warmupEpochs, "0 or more epochs"), Minimum(minimumLearningRate, nameof(minimumLearningRate)));

    /// <summary>
    /// The rate times <paramref name="factor"/> (never below <paramref name="minimumLearningRate"/>) after
    /// <paramref name="patience"/> epochs without a better validation score (<see cref="RnnTrainerOptions.EarlyStoppingMetric"/>
    /// on <see cref="RnnTrainerOptions.ValidationSet"/>, which it needs).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="patience"/> &lt; 1, <paramref name="factor"/> outside (0, 1), or a bad minimum.</exception>
    public static RnnLearningRateSchedule ReduceOnPlateau(int patience = 2, float factor = 0.5f, float minimumLearningRate = 0f) => new PlateauRate(
        Checked(patience, nameof(patience), "epochs without improvement"),
        factor > 0 && factor < 1 ? factor : throw Bad(nameof(factor), factor, "a factor in (0, 1)"),
        Minimum(minimumLearningRate, nameof(minimumLearningRate)));

    /// <summary>True for schedules that follow the validation score.</summary>
    internal virtual bool NeedsValidation => false;

    /// <summary>The rate of 1-based <paramref name="epoch"/> of <paramref name="totalEpochs"/>; <paramref name="currentRate"/> is the rate a stateful schedule has reached.</summary>
    internal abstract double RateFor(int epoch, int totalEpochs, double baseRate, double currentRate);

    /// <summary>A stateful schedule's rate after an epoch's validation; others keep <paramref name="currentRate"/>.</summary>
    internal virtual double AfterValidation(double currentRate, bool improved, ref int epochsWithoutImprovement) => currentRate;

    /// <summary>The schedule and its settings, e.g. "StepDecay(3, 0.5)"; also what a checkpoint's fingerprint records.</summary>
    public abstract override string ToString();

    private static int Checked(int value, string name, string meaning) =>
        value >= 1 ? value : throw Bad(name, value, $"a whole number ≥ 1 ({meaning})");

    private static float Factor(float value, string name) =>
        value > 0 && value <= 1 ? value : throw Bad(name, value, "a factor in (0, 1]");

    private static float Minimum(float value, string name) =>
        value >= 0 && float.IsFinite(value) ? value : throw Bad(name, value, "a finite rate ≥ 0");

    private static ArgumentOutOfRangeException Bad(string name, object value, string expected) =>
        OptionChecks.Bad(nameof(RnnLearningRateSchedule), name, value, expected);

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private sealed class ConstantRate : RnnLearningRateSchedule
    {
        internal override double RateFor(int epoch, int totalEpochs, double baseRate, double currentRate) => baseRate;

        public override string ToString() => "Constant";
    }

    private sealed class StepDecayRate(int stepEpochs, float factor) : RnnLearningRateSchedule
    {
        internal override double RateFor(int epoch, int totalEpochs, double baseRate, double currentRate) =>
            baseRate * Math.Pow(factor, (epoch - 1) / stepEpochs);

        public override string ToString() => $"StepDecay({stepEpochs}, {Show(factor)})";
    }

    private sealed class CosineRate(int warmupEpochs, float minimum) : RnnLearningRateSchedule
    {
        internal override double RateFor(int epoch, int totalEpochs, double baseRate, double currentRate)
        {
            if (epoch <= warmupEpochs)
                return baseRate * epoch / (warmupEpochs + 1);
            double progress = (double)(epoch - warmupEpochs - 1) / (totalEpochs - warmupEpochs);
            return minimum + (baseRate - minimum) * 0.5 * (1 + Math.Cos(Math.PI * progress));
        }

        public override string ToString() => $"CosineWithWarmup({warmupEpochs}, {Show(minimum)})";
    }

    private sealed class PlateauRate(int patience, float factor, float minimum) : RnnLearningRateSchedule
    {
        internal override bool NeedsValidation => true;

        internal override double RateFor(int epoch, int totalEpochs, double baseRate, double currentRate) => currentRate;

        internal override double AfterValidation(double currentRate, bool improved, ref int epochsWithoutImprovement)
        {
            epochsWithoutImprovement = improved ? 0 : epochsWithoutImprovement + 1;
            if (epochsWithoutImprovement < patience)
                return currentRate;
            epochsWithoutImprovement = 0;
            return Math.Max(minimum, currentRate * factor);
        }

        public override string ToString() => $"ReduceOnPlateau({patience}, {Show(factor)}, {Show(minimum)})";
    }
}
