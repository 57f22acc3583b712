namespace Rnn.Onnx;

/// <summary>
/// How a forecaster turns the last <see cref="WindowSize"/> values of a series (plus optional covariates) into the input of
/// its recurrent network, and the network's output back into <see cref="Horizon"/> forecast values. Immutable.
/// </summary>
/// <remarks>
/// Time step t of the input holds the window's value after <see cref="Level"/> handling, standardised with
/// <see cref="ValueMean"/> and <see cref="ValueScale"/>. With covariates, the sequence continues for the
/// <see cref="Horizon"/> forecast steps (their values read 0), every step also holds an "observed" flag (1 for history,
/// 0 for the steps forecast) and its covariates standardised per column; the network's final state reads them all.
/// With <see cref="StepsPerNetworkStep"/> k &gt; 1, each recurrent step reads k consecutive time steps side by side (one week
/// of days, say), so the network sees a whole cycle at once and runs k times fewer steps. With a <see cref="SeasonLength"/> P,
/// a forecast step's value reads what the input held one season earlier (the latest such step in the window: a seasonal-naive
/// guess the network corrects) instead of 0.
/// </remarks>
public sealed class ForecastWindow
{
    /// <summary>Checks and copies the settings.</summary>
    /// <param name="windowSize">Past steps read.</param>
    /// <param name="horizon">Steps forecast.</param>
    /// <param name="level">Level handling.</param>
    /// <param name="valueMean">Mean of the level-adjusted training inputs.</param>
    /// <param name="valueScale">Their standard deviation; finite and &gt; 0.</param>
    /// <param name="covariateNames">Names of the covariates, one per column, in input order; empty for none.</param>
    /// <param name="covariateMeans">Per covariate, its training mean.</param>
    /// <param name="covariateScales">Per covariate, its training standard deviation; finite and &gt; 0.</param>
    /// <param name="stepsPerNetworkStep">Time steps each recurrent step reads; <paramref name="windowSize"/> (and, with covariates, <paramref name="horizon"/>) must be multiples.</param>
    /// <param name="seasonLength">0, or the season's length in steps (at most <paramref name="windowSize"/>; needs covariates, which put the forecast steps in the input).</param>
    /// <param name="staticCovariateCount">Static covariates (a series' own, constant in time; <see cref="ForecastPanel"/>) appended to every time step, standardised.</param>
    /// <exception cref="ArgumentException">A size is below 1 or not a multiple of <paramref name="stepsPerNetworkStep"/>, a statistic is not finite (or a scale ≤ 0), the covariate lists differ in length, or the season does not fit.</exception>
    public ForecastWindow(
        int windowSize, int horizon, RnnForecastLevel level, float valueMean, float valueScale,
        IReadOnlyList<string> covariateNames, ReadOnlySpan<float> covariateMeans, ReadOnlySpan<float> covariateScales, int stepsPerNetworkStep = 1,
        int seasonLength = 0, int staticCovariateCount = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(staticCovariateCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerNetworkStep, 1);
        ArgumentNullException.ThrowIfNull(covariateNames);
        if (!Enum.IsDefined(level))
            throw new ArgumentException($"Level {level} is not one of {string.Join(", ", Enum.GetNames<RnnForecastLevel>())}.", nameof(level));
        if (!float.IsFinite(valueMean) || !float.IsFinite(valueScale) || valueScale <= 0)
            throw new ArgumentException($"Value mean {valueMean} and scale {valueScale}: expected finite numbers and a scale > 0.");
        var names = covariateNames.ToArray();
        if (Array.IndexOf(names, null) is int missing and >= 0)
            throw new ArgumentException($"Covariate name {missing} is null; expected a name.", nameof(covariateNames));
        if (covariateMeans.Length != names.Length || covariateScales.Length != names.Length)
            throw new ArgumentException($"{names.Length} covariate names but {covariateMeans.Length} means and {covariateScales.Length} scales; expected one of each per covariate.");
        for (int i = 0; i < names.Length; i++)
        {
            if (!float.IsFinite(covariateMeans[i]) || !float.IsFinite(covariateScales[i]) || covariateScales[i] <= 0)
                throw new ArgumentException($"Covariate '{names[i]}' has mean {covariateMeans[i]} and scale {covariateScales[i]}; expected finite numbers and a scale > 0.");
        }

        if (windowSize % stepsPerNetworkStep != 0 || (names.Length > 0 && horizon % stepsPerNetworkStep != 0))
            throw new ArgumentException(
                $"WindowSize {windowSize}{(names.Length > 0 ? $" and Horizon {horizon}" : "")} must be multiples of StepsPerNetworkStep {stepsPerNetworkStep}.", nameof(stepsPerNetworkStep));

        if (seasonLength < 0 || seasonLength > windowSize || (seasonLength > 0 && names.Length == 0))
            throw new ArgumentException(
                $"SeasonLength {seasonLength}: expected 0, or 1 to WindowSize ({windowSize}) with covariates (only then are the forecast steps part of the input).", nameof(seasonLength));

        WindowSize = windowSize;
        Horizon = horizon;
        StepsPerNetworkStep = stepsPerNetworkStep;
        SeasonLength = seasonLength;
        Level = level;
        ValueMean = valueMean;
        ValueScale = valueScale;
        CovariateNames = Array.AsReadOnly(names);
        CovariateMeans = covariateMeans.ToArray();
        CovariateScales = covariateScales.ToArray();
        StaticCovariateCount = staticCovariateCount;
    }

    /// <summary>Past steps read.</summary>
    public int WindowSize { get; }

    /// <summary>Steps forecast.</summary>
    public int Horizon { get; }

    /// <summary>How the window's level is taken out and put back.</summary>
    public RnnForecastLevel Level { get; }

    /// <summary>Mean of the level-adjusted training inputs.</summary>
    public float ValueMean { get; }

    /// <summary>Standard deviation of the level-adjusted training inputs.</summary>
    public float ValueScale { get; }

    /// <summary>Covariate names in input order (empty: the network reads values only).</summary>
    public IReadOnlyList<string> CovariateNames { get; }

    /// <summary>Number of covariates per step.</summary>
    public int CovariateCount => CovariateNames.Count;

    /// <summary>Per covariate, its training mean.</summary>
    public ReadOnlyMemory<float> CovariateMeans { get; }

    /// <summary>Per covariate, its training standard deviation.</summary>
    public ReadOnlyMemory<float> CovariateScales { get; }

    /// <summary>Time steps each recurrent step reads side by side (1: one time step per recurrent step).</summary>
    public int StepsPerNetworkStep { get; }

    /// <summary>The season in steps whose earlier value a forecast step reads (0: forecast steps read 0).</summary>
    public int SeasonLength { get; }

    /// <summary>Static covariates appended to every time step (0: none).</summary>
    public int StaticCovariateCount { get; }

    /// <summary>Time steps of the input: the window, plus the forecast steps when there are covariates.</summary>
    public int TimeSteps => WindowSize + (CovariateCount > 0 ? Horizon : 0);

    /// <summary>Values per time step: the value, plus the observed flag and the covariates when there are covariates, then the static covariates.</summary>
    public int ValuesPerTimeStep => 1 + (CovariateCount > 0 ? 1 + CovariateCount : 0) + StaticCovariateCount;

    /// <summary>Recurrent steps of the network's input: <see cref="TimeSteps"/> / <see cref="StepsPerNetworkStep"/>.</summary>
    public int NetworkSteps => TimeSteps / StepsPerNetworkStep;

    /// <summary>Values per recurrent step: <see cref="ValuesPerTimeStep"/> × <see cref="StepsPerNetworkStep"/>.</summary>
    public int NetworkInputSize => ValuesPerTimeStep * StepsPerNetworkStep;

    /// <summary>The level of one window: its last value or mean, or 0 for <see cref="RnnForecastLevel.None"/>.</summary>
    public float LevelOf(ReadOnlySpan<float> window) => Level switch
    {
        RnnForecastLevel.LastValue or RnnForecastLevel.Differences => window[^1],
        RnnForecastLevel.WindowMean or RnnForecastLevel.WindowMeanRatio => Mean(window),
        _ => 0f,
    };

    /// <summary>A value (or target) of a window with level <paramref name="level"/>, level taken out.</summary>
    public float Adjust(float value, float level) => Level switch
    {
        RnnForecastLevel.None => value,
        RnnForecastLevel.WindowMeanRatio => value / level - 1f,
        _ => value - level,
    };

    /// <summary>The inverse of <see cref="Adjust"/>: a forecast in the series' units.</summary>
    public float Restore(float adjusted, float level) => Level switch
    {
        RnnForecastLevel.None => adjusted,
        RnnForecastLevel.WindowMeanRatio => (adjusted + 1f) * level,
        _ => adjusted + level,
    };

    /// <summary>Input step <paramref name="t"/> of a window before standardisation: its adjusted value, or for <see cref="RnnForecastLevel.Differences"/> its change from the step before (0 at step 0).</summary>
    public float InputValue(ReadOnlySpan<float> window, int t, float level) =>
        Level == RnnForecastLevel.Differences ? (t == 0 ? 0f : window[t] - window[t - 1]) : Adjust(window[t], level);

    /// <summary>
    /// Writes the network's input for one window, [<see cref="NetworkSteps"/>, <see cref="NetworkInputSize"/>] row-major (the same
    /// memory as [<see cref="TimeSteps"/>, <see cref="ValuesPerTimeStep"/>]), exactly as the exported graph builds it, and returns the
    /// window's level (what <see cref="Restore"/> needs).
    /// </summary>
    /// <param name="window">The last <see cref="WindowSize"/> values, oldest first.</param>
    /// <param name="covariates">[<see cref="TimeSteps"/>, <see cref="CovariateCount"/>] covariates of the window's steps then the forecast steps; empty without covariates.</param>
    /// <param name="input">Receives the input.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public float FillInput(ReadOnlySpan<float> window, ReadOnlySpan<float> covariates, Span<float> input) =>
        FillInput(window, covariates, [], input);

    /// <summary>As <see cref="FillInput(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>, with the series' standardised static covariates appended to every time step.</summary>
    /// <param name="window">The last <see cref="WindowSize"/> values, oldest first (after the series' scale is divided out).</param>
    /// <param name="covariates">[<see cref="TimeSteps"/>, <see cref="CovariateCount"/>] covariates; empty without covariates.</param>
    /// <param name="statics"><see cref="StaticCovariateCount"/> standardised static covariates (<see cref="ForecastPanel.StandardisedStatics"/>).</param>
    /// <param name="input">Receives the input.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public float FillInput(ReadOnlySpan<float> window, ReadOnlySpan<float> covariates, ReadOnlySpan<float> statics, Span<float> input)
    {
        int c = CovariateCount, width = ValuesPerTimeStep, s = StaticCovariateCount;
        if (statics.Length != s)
            throw new ArgumentException($"{statics.Length} static covariates; expected {s}.", nameof(statics));
        if (window.Length != WindowSize)
            throw new ArgumentException($"The window has {window.Length} values; expected WindowSize = {WindowSize}.", nameof(window));
        if (covariates.Length != TimeSteps * c)
            throw new ArgumentException($"{covariates.Length} covariate values; expected {TimeSteps} steps × {c} covariates.", nameof(covariates));
        if (input.Length != TimeSteps * width)
            throw new ArgumentException($"The input has room for {input.Length} values; expected {TimeSteps} steps × {width}.", nameof(input));

        float level = LevelOf(window);
        var means = CovariateMeans.Span;
        var scales = CovariateScales.Span;
        for (int t = 0; t < TimeSteps; t++)
        {
            var step = input.Slice(t * width, width);
            bool observed = t < WindowSize;
            int source = SeasonSource(t);
            step[0] = source >= 0 ? (InputValue(window, source, level) - ValueMean) / ValueScale : 0f;
            statics.CopyTo(step[(width - s)..]);
            if (c == 0)
                continue;
            step[1] = observed ? 1f : 0f;
            for (int k = 0; k < c; k++)
                step[2 + k] = (covariates[t * c + k] - means[k]) / scales[k];
        }

        return level;
    }

    /// <summary>
    /// The window step whose value time step <paramref name="t"/> reads: itself within the window; for a forecast step, the
    /// latest window step a whole number of seasons earlier; −1 (reads 0) without a season.
    /// </summary>
    public int SeasonSource(int t)
    {
        if (t < WindowSize)
            return t;
        if (SeasonLength == 0)
            return -1;
        int seasons = (t - WindowSize + SeasonLength) / SeasonLength;
        return t - seasons * SeasonLength;
    }

    private static float Mean(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (var v in values)
            sum += v;
        return (float)(sum / values.Length);
    }
}
