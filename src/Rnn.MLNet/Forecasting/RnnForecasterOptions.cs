using Microsoft.ML;

namespace Rnn.MLNet;

/// <summary>
/// Options for <c>mlContext.Rnn().Forecaster(options)</c>: which columns of the series view to read (one row per time step,
/// in time order), how many past steps a forecast reads and how many it forecasts, how the level is handled, and the
/// recurrent network's training options.
/// </summary>
public sealed class RnnForecasterOptions
{
    private const string Owner = nameof(RnnForecasterOptions);

    /// <summary>Default <see cref="ForecastColumnName"/>.</summary>
    public const string DefaultForecastColumnName = "Forecast";

    /// <summary>The series: a <c>Single</c> column, one value per row (time step).</summary>
    public string SeriesColumnName { get; set; } = "";

    /// <summary>
    /// Known per-step inputs (<c>Single</c> columns), such as day of week or a holiday flag: read for every step of a window and
    /// for every step forecast, so they must be known in advance. Standardised inside the forecaster. Empty for none.
    /// </summary>
    public IReadOnlyList<string> CovariateColumnNames { get; set; } = [];

    /// <summary>
    /// Optional column holding each row's time (DateTime, or a number such as Int32, Int64, Single or Double): rows must be in
    /// strictly increasing time order, and the first row out of order is refused with its values. Null skips the check.
    /// </summary>
    public string? TimeColumnName { get; set; }

    /// <summary>
    /// Optional column naming each row's series (text, key or integer): the view then holds many related series, one network
    /// learns from all of them, and every window stays within one series. Each series' rows must be in time order (grouped or
    /// interleaved with other series; lengths and start times may differ). Null (the default): the view is one series.
    /// </summary>
    public string? SeriesIdColumnName { get; set; }

    /// <summary>
    /// With <see cref="SeriesIdColumnName"/>: <c>Single</c> columns constant within each series (size, region code…), read by the
    /// network at every step; a value that changes within a series is refused naming the series and row. Empty for none.
    /// </summary>
    public IReadOnlyList<string> StaticCovariateColumnNames { get; set; } = [];

    /// <summary>
    /// With <see cref="SeriesIdColumnName"/>: the size of a learned embedding of each series' id, read by the network at every
    /// step, so it can learn what sets each series apart beyond its scale and static covariates. 0 (the default) turns it off.
    /// The ids go into the model as standardised one-hot static covariates whose learned map is folded into the first layer's
    /// weights, so a series not seen in training gets the mean embedding.
    /// </summary>
    public int SeriesEmbeddingSize { get; set; }

    /// <summary>How each series is scaled; <see cref="RnnSeriesScaling.Auto"/> scales many series by their mean absolute value.</summary>
    public RnnSeriesScaling SeriesScaling { get; set; } = RnnSeriesScaling.Auto;

    /// <summary>What training does with a series shorter than one window; <see cref="RnnShortSeries.Skip"/> by default.</summary>
    public RnnShortSeries ShortSeries { get; set; } = RnnShortSeries.Skip;

    /// <summary>What a forecast for a series id not seen in training does; forecast from its history by default.</summary>
    public RnnUnknownSeries UnknownSeries { get; set; } = RnnUnknownSeries.FromHistory;

    /// <summary>
    /// Quantile levels to forecast, e.g. [0.1, 0.5, 0.9] for the median and an 80% interval: a multi-quantile head trained with
    /// pinball loss whose quantiles cannot cross; the point forecast is the median (0.5 is added when missing). Levels must be in
    /// (0, 1), increasing and in pairs symmetric around 0.5. Empty (the default): point forecasts only.
    /// </summary>
    public IReadOnlyList<float> Quantiles { get; set; } = [];

    /// <summary>
    /// With <see cref="Quantiles"/>: calibrate the intervals on a held-out tail of each series (conformalized quantile
    /// regression: each interval widened or narrowed per horizon step by the amount that would have made it cover its level on
    /// those windows), so an 80% interval covers about 80% of new data even when the network is over- or under-confident.
    /// On by default.
    /// </summary>
    public bool Calibrate { get; set; } = true;

    /// <summary>
    /// Steps at the end of each series held out for calibration (after <see cref="ValidationSteps"/>' tail, which comes before it).
    /// 0 (the default): 2 × Horizon, or a tenth of the series where that is longer.
    /// </summary>
    public int CalibrationSteps { get; set; }

    /// <summary>Past steps each forecast reads.</summary>
    public int WindowSize { get; set; }

    /// <summary>Steps forecast at once (direct multi-horizon: one network output per step).</summary>
    public int Horizon { get; set; }

    /// <summary>
    /// Time steps each recurrent step reads side by side: 1 (the default) feeds one time step per recurrent step; the length of a
    /// cycle, such as 7 for daily data with a weekly pattern, lets every recurrent step see a whole week at once and runs 7 times fewer
    /// steps. <see cref="WindowSize"/> (and, with covariates, <see cref="Horizon"/>) must be multiples of it.
    /// </summary>
    public int StepsPerNetworkStep { get; set; } = 1;

    /// <summary>
    /// With covariates: the length of the series' season in steps (7 for days of the week). Each forecast step then reads the value
    /// one season earlier (the latest one in the window: the seasonal-naive guess) where it would read 0, so the network corrects
    /// a guess rather than builds one. 0 (the default) turns this off; at most <see cref="WindowSize"/>.
    /// </summary>
    public int SeasonLength { get; set; }

    /// <summary>
    /// How each window's level is taken out before the network reads it and put back into the forecast. The default,
    /// <see cref="RnnForecastLevel.WindowMean"/>, was measured best on the daily births example and on a trending seasonal series
    /// (see the README); <see cref="RnnForecastLevel.None"/> cannot forecast levels beyond those it was trained on.
    /// </summary>
    public RnnForecastLevel Level { get; set; } = RnnForecastLevel.WindowMean;

    /// <summary>What to do with NaN in the training series or covariates; <see cref="RnnForecastGapHandling.Refuse"/> by default.</summary>
    public RnnForecastGapHandling Gaps { get; set; } = RnnForecastGapHandling.Refuse;

    /// <summary>
    /// Steps at the end of the training series held out for validation: windows whose targets fall among them are scored after
    /// every epoch (validation loss, RMSE and MAE in progress reports; the fitted model is the best epoch's, and
    /// <see cref="RnnTrainerOptions.EarlyStoppingPatience"/> applies). 0 (the default) trains on every window.
    /// </summary>
    public int ValidationSteps { get; set; }

    /// <summary>
    /// Adds a linear autoregressive path from the window's values straight to the forecast, trained together with the network and
    /// added to its output (the "highway" of LSTNet), so the recurrent layers learn what a linear model of the recent values cannot;
    /// it helps most at the first steps of the horizon. On by default.
    /// </summary>
    public bool Autoregressive { get; set; } = true;

    /// <summary>
    /// Networks trained (with seeds <see cref="RnnTrainerOptions.Seed"/>, Seed + 1, …) whose forecasts are averaged: a deep ensemble,
    /// which removes much of one network's variance on noisy series at N times the training time. The exported model holds every
    /// member and averages them. 1 (the default) trains one network.
    /// </summary>
    public int EnsembleSize { get; set; } = 1;

    /// <summary>Output column of <see cref="RnnForecaster.Transform"/>: the forecast made at each row (a vector of <see cref="Horizon"/> values).</summary>
    public string ForecastColumnName { get; set; } = DefaultForecastColumnName;

    /// <summary>
    /// The network and its training (cell, layers, hidden size, epochs, learning rate, seed…). The forecaster sets the task
    /// (<c>Task = Regression</c>), the feature and label columns, <see cref="RnnTrainerOptions.InputSize"/> and
    /// <see cref="RnnTrainerOptions.ValidationSet"/>; leave those unset.
    /// </summary>
    public RnnTrainerOptions Trainer { get; set; } = new();

    /// <summary>Checks every option and throws <see cref="ArgumentOutOfRangeException"/> naming the first bad one.</summary>
    public void Validate()
    {
        OptionChecks.ColumnName(Owner, nameof(SeriesColumnName), SeriesColumnName);
        OptionChecks.ColumnName(Owner, nameof(ForecastColumnName), ForecastColumnName);
        if (CovariateColumnNames is null)
            throw OptionChecks.Bad(Owner, nameof(CovariateColumnNames), null, "a list of column names (empty for none)");
        foreach (var name in CovariateColumnNames)
            OptionChecks.ColumnName(Owner, nameof(CovariateColumnNames), name);
        if (CovariateColumnNames.Distinct(StringComparer.Ordinal).Count() != CovariateColumnNames.Count || CovariateColumnNames.Contains(SeriesColumnName))
            throw OptionChecks.Bad(Owner, nameof(CovariateColumnNames), string.Join(", ", CovariateColumnNames), "distinct column names other than the series column");
        if (TimeColumnName is not null)
            OptionChecks.ColumnName(Owner, nameof(TimeColumnName), TimeColumnName);
        OptionChecks.Positive(Owner, nameof(WindowSize), WindowSize, "past steps read by each forecast");
        OptionChecks.Positive(Owner, nameof(Horizon), Horizon, "steps forecast");
        OptionChecks.Positive(Owner, nameof(StepsPerNetworkStep), StepsPerNetworkStep, "time steps per recurrent step");
        OptionChecks.Positive(Owner, nameof(EnsembleSize), EnsembleSize, "networks whose forecasts are averaged");
        if (WindowSize % StepsPerNetworkStep != 0)
            throw OptionChecks.Bad(Owner, nameof(WindowSize), WindowSize, $"a multiple of StepsPerNetworkStep ({StepsPerNetworkStep})");
        if (SeasonLength < 0 || SeasonLength > WindowSize || (SeasonLength > 0 && CovariateColumnNames.Count == 0))
            throw OptionChecks.Bad(Owner, nameof(SeasonLength), SeasonLength,
                $"0, or 1 to WindowSize ({WindowSize}) with covariates (only then does the network read the forecast steps)");
        if (CovariateColumnNames.Count > 0 && Horizon % StepsPerNetworkStep != 0)
            throw OptionChecks.Bad(Owner, nameof(Horizon), Horizon, $"a multiple of StepsPerNetworkStep ({StepsPerNetworkStep}): with covariates the forecast steps are read too");
        OptionChecks.Defined(Owner, nameof(Level), Level);
        OptionChecks.Defined(Owner, nameof(SeriesScaling), SeriesScaling);
        OptionChecks.Defined(Owner, nameof(ShortSeries), ShortSeries);
        OptionChecks.Defined(Owner, nameof(UnknownSeries), UnknownSeries);
        if (SeriesIdColumnName is not null)
            OptionChecks.ColumnName(Owner, nameof(SeriesIdColumnName), SeriesIdColumnName);
        if (StaticCovariateColumnNames is null)
            throw OptionChecks.Bad(Owner, nameof(StaticCovariateColumnNames), null, "a list of column names (empty for none)");
        foreach (var name in StaticCovariateColumnNames)
            OptionChecks.ColumnName(Owner, nameof(StaticCovariateColumnNames), name);
        if (SeriesEmbeddingSize < 0 || (SeriesEmbeddingSize > 0 && SeriesIdColumnName is null))
            throw OptionChecks.Bad(Owner, nameof(SeriesEmbeddingSize), SeriesEmbeddingSize, "0 (off), or a positive size with SeriesIdColumnName (one embedding per series)");
        if (StaticCovariateColumnNames.Count > 0 && SeriesIdColumnName is null)
            throw OptionChecks.Bad(Owner, nameof(StaticCovariateColumnNames), string.Join(", ", StaticCovariateColumnNames),
                "empty without SeriesIdColumnName (a static covariate is constant within each of many series)");
        var all = CovariateColumnNames.Concat(StaticCovariateColumnNames).Append(SeriesColumnName).Concat(SeriesIdColumnName is null ? [] : [SeriesIdColumnName]).ToArray();
        if (all.Distinct(StringComparer.Ordinal).Count() != all.Length)
            throw OptionChecks.Bad(Owner, nameof(StaticCovariateColumnNames), string.Join(", ", StaticCovariateColumnNames),
                "column names other than the series, series id and covariate columns, each used once");
        if (Quantiles is null)
            throw OptionChecks.Bad(Owner, nameof(Quantiles), null, "a list of quantile levels (empty for point forecasts)");
        if (Quantiles.Count > 0)
        {
            try
            {
                for (int i = 1; i < Quantiles.Count; i++)
                {
                    if (!(Quantiles[i] > Quantiles[i - 1]))
                        throw new ArgumentException($"Quantile levels must increase: {Quantiles[i].ToString(System.Globalization.CultureInfo.InvariantCulture)} follows {Quantiles[i - 1].ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
                }

                ForecastQuantiles.Check(QuantileLevels);
            }
            catch (ArgumentException e)
            {
                throw OptionChecks.Bad(Owner, nameof(Quantiles), string.Join(", ", Quantiles.Select(q => q.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                    $"levels in (0, 1), increasing, in pairs symmetric around 0.5 ({e.Message})");
            }
        }

        if (CalibrationSteps < 0)
            throw OptionChecks.Bad(Owner, nameof(CalibrationSteps), CalibrationSteps, "0 (automatic) or a number of final steps of each series");
        OptionChecks.Defined(Owner, nameof(Gaps), Gaps);
        if (ValidationSteps < 0)
            throw OptionChecks.Bad(Owner, nameof(ValidationSteps), ValidationSteps, "0 (no validation) or a number of final steps held out");
        if (Trainer is null)
            throw OptionChecks.Bad(Owner, nameof(Trainer), null, "the network's RnnTrainerOptions");
        // A forecaster trains a regressor: the options may name that task or leave the default.
        if (Trainer.Task != TaskHeads.DefaultTask && Trainer.Task != TaskHeads.Regression.Task)
            throw OptionChecks.Bad(Owner, $"{nameof(Trainer)}.{nameof(RnnTrainerOptions.Task)}", Trainer.Task, "Regression (or unset): a forecaster trains a regressor");
        if (Trainer.ValidationSet is not null)
            throw OptionChecks.Bad(Owner, $"{nameof(Trainer)}.{nameof(RnnTrainerOptions.ValidationSet)}", "a data view", $"null; hold out the end of the series with {nameof(ValidationSteps)} instead");
        if (Trainer.InputSize != 0 || Trainer.EmbeddingSize != 0)
            throw OptionChecks.Bad(Owner, $"{nameof(Trainer)}.{nameof(RnnTrainerOptions.InputSize)}", Trainer.InputSize, "0: the forecaster sets the network's input (value, observed flag, covariates)");
        if (Trainer.EarlyStoppingPatience > 0 && ValidationSteps == 0)
            throw OptionChecks.Bad(Owner, nameof(ValidationSteps), ValidationSteps, $"> 0, because Trainer.EarlyStoppingPatience = {Trainer.EarlyStoppingPatience} needs validation windows");
    }

    /// <summary>The quantile levels with the median added when missing; empty for point forecasts.</summary>
    internal IReadOnlyList<float> QuantileLevels => Quantiles.Count == 0 || Quantiles.Contains(0.5f) ? Quantiles : [.. Quantiles.Append(0.5f).Order()];

    /// <summary>Whether series are scaled, <see cref="RnnSeriesScaling.Auto"/> resolved.</summary>
    internal bool ScalesSeries => SeriesScaling == RnnSeriesScaling.MeanAbsolute || (SeriesScaling == RnnSeriesScaling.Auto && SeriesIdColumnName is not null);

    /// <summary>A copy whose lists and trainer options are copied too, so an estimator is not changed by later edits.</summary>
    internal RnnForecasterOptions Clone()
    {
        var copy = (RnnForecasterOptions)MemberwiseClone();
        copy.CovariateColumnNames = [.. CovariateColumnNames];
        copy.StaticCovariateColumnNames = [.. StaticCovariateColumnNames];
        copy.Quantiles = [.. Quantiles];
        copy.Trainer = Trainer.Clone();
        return copy;
    }
}
