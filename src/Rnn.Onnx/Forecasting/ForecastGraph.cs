using Rnn.Onnx.Export;
using Rnn.Onnx.Graph;
using Rnn.Onnx.Heads;

namespace Rnn.Onnx.Forecasting;

/// <summary>
/// A forecaster as one graph, so any ONNX runtime forecasts from raw values: history [N, W] (and covariates
/// [N, W+H, C]; with a <see cref="ForecastPanel"/> each row's series index [N]) → divided by the series' scale, level taken
/// out, standardised, laid out as <see cref="ForecastWindow.FillInput(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/> does (the series' static covariates at every step)
/// → the recurrent network and its regression head (an ensemble: each member in its own name scope, outputs averaged) →
/// with <see cref="ForecastQuantiles"/>, non-crossing quantiles and their conformal adjustments → level and scale put back →
/// forecast [N, H] (the median) and quantiles [N, H, Q].
/// </summary>
internal static class ForecastGraph
{
    public const string ValueMeanInitializer = "window.value_mean";
    public const string ValueScaleInitializer = "window.value_scale";
    public const string CovariateMeanInitializer = "covariates.mean";
    public const string CovariateScaleInitializer = "covariates.scale";
    public const string SeriesScaleInitializer = "series.scales";
    public const string StaticTableInitializer = "series.statics";
    public const string QuantileAdjustmentInitializer = "quantiles.adjustments";

    /// <summary>Prefix of ensemble member <paramref name="index"/>'s nodes and initializers (none for a single network).</summary>
    public static string MemberPrefix(int index, int members) => members > 1 ? $"m{index}/" : "";

    public static OnnxGraphBuilder Build(IReadOnlyList<RecurrentNetworkDescription> networks, ForecastWindow window, ForecastPanel? panel = null, ForecastQuantiles? quantiles = null)
    {
        var graph = new OnnxGraphBuilder("rnn_forecaster");
        int w = window.WindowSize, h = window.Horizon, c = window.CovariateCount;
        var history = graph.Input(RnnOnnxNames.History, OnnxElementType.Float, RnnOnnxNames.BatchDimension, w);
        string? seriesIndex = panel is null ? null : graph.Input(RnnOnnxNames.Series, OnnxElementType.Int64, RnnOnnxNames.BatchDimension);
        string? seriesScale = null;
        if (panel is not null)
        {
            seriesScale = SeriesScale(graph, panel, history, seriesIndex!);
            history = graph.Node("Div", "series.scale_out", [history, seriesScale], ["history.scaled"]);
        }

        var level = Level(graph, window, history);

        var adjusted = window.Level switch
        {
            RnnForecastLevel.None => history,
            RnnForecastLevel.WindowMeanRatio => graph.Node("Sub", "window.ratio_minus_one",
                [graph.Node("Div", "window.ratio", [history, level!], ["window.ratio_values"]), graph.Initializer("const.one", [], [1f])], ["window.adjusted"]),
            RnnForecastLevel.Differences => Differences(graph, history, w),
            _ => graph.Node("Sub", "window.minus_level", [history, level!], ["window.adjusted"]),
        };
        var centred = graph.Node("Sub", "window.centre", [adjusted, graph.Initializer(ValueMeanInitializer, [], [window.ValueMean])], ["window.centred"]);
        var standardised = graph.Node("Div", "window.scale", [centred, graph.Initializer(ValueScaleInitializer, [], [window.ValueScale])], ["window.standardised"]);
        // [N, W] → [N, W, 1]: one value per step.
        var x = graph.Node("Unsqueeze", "window.to_steps", [standardised, graph.Int64Initializer("axes.2", 2)], ["window.steps"]);

        if (c > 0)
        {
            var covariates = graph.Input(RnnOnnxNames.Covariates, OnnxElementType.Float, RnnOnnxNames.BatchDimension, w + h, c);
            // The forecast steps' values read 0, or with a season the value one season earlier; their observed flag is 0, the window's 1.
            var values = window.SeasonLength == 0
                ? graph.Node("Pad", "window.pad_forecast_steps", [x, graph.Int64Initializer("pads.forecast_steps", 0, 0, 0, 0, h, 0)], ["window.values"])
                : SeasonalForecastSteps(graph, window, x);
            var flags = graph.Initializer("window.observed", [1, w + h, 1], [.. Enumerable.Range(0, w + h).Select(t => t < w ? 1f : 0f)]);
            var shape = graph.Node("Shape", "window.values_shape", [values], ["window.values_shape_out"]);
            var observed = graph.Node("Expand", "window.observed_per_row", [flags, shape], ["window.observed_n"]);
            var covariatesCentred = graph.Node("Sub", "covariates.centring", [covariates, graph.Initializer(CovariateMeanInitializer, [c], window.CovariateMeans.Span)], ["covariates.centred"]);
            var covariatesStandardised = graph.Node("Div", "covariates.scaling", [covariatesCentred, graph.Initializer(CovariateScaleInitializer, [c], window.CovariateScales.Span)], ["covariates.standardised"]);
            x = graph.Node("Concat", "window.steps_with_covariates", [values, observed, covariatesStandardised], ["window.input"], OnnxAttribute.Int("axis", 2));
        }

        if (panel is { StaticCovariateCount: > 0 })
            x = WithStatics(graph, panel, window, x, seriesIndex!);

        // An input skip reads positions of the flattened input: [N, T, V] → [N, T·V].
        var flat = networks.Any(n => n.InputSkip is not null)
            ? graph.Node("Reshape", "window.flatten", [x, graph.Int64Initializer("shape.rows_flat", 0, -1)], ["window.flat"])
            : null;

        // k time steps per recurrent step: [N, T, V] → [N, T/k, k·V], the same memory.
        if (window.StepsPerNetworkStep > 1)
            x = graph.Node("Reshape", "window.group_steps", [x, graph.Int64Initializer("shape.grouped_steps", 0, window.NetworkSteps, window.NetworkInputSize)], ["window.grouped"]);

        // Every row uses every step: no sequence lengths.
        var seqMajor = graph.Node("Transpose", "input.to_seq_major", [x], ["x.seq_major"], OnnxAttribute.Ints("perm", 1, 0, 2));
        var outputs = new List<string>();
        for (int i = 0; i < networks.Count; i++)
        {
            using var scope = networks.Count > 1 ? graph.Scope(MemberPrefix(i, networks.Count)) : null;
            var features = NetworkGraph.SequenceFeatures(graph, networks[i], seqMajor, lengths: null);
            outputs.Add(quantiles is null
                ? RegressionOnnxHead.EmitValues(graph, networks[i], features, "forecast.adjusted", flat)
                : QuantileValues(graph, networks[i], features, flat, quantiles));
        }

        var forecastAdjusted = outputs.Count == 1 ? outputs[0] : graph.Node("Mean", "ensemble.mean", [.. outputs], ["forecast.ensemble_mean"]);
        if (quantiles is not null)
        {
            forecastAdjusted = graph.Node("Add", "quantiles.conformal", [forecastAdjusted, graph.Initializer(QuantileAdjustmentInitializer, [h, quantiles.Count], quantiles.Adjustments.Span)],
                ["quantiles.adjusted"]);
            // Level and scale are [N, 1]; quantiles [N, H, Q].
            if (level is not null)
                level = graph.Node("Unsqueeze", "window.level_per_quantile", [level, graph.Int64Initializer("axes.level_2", 2)], ["window.level_3d"]);
            if (seriesScale is not null)
                seriesScale = graph.Node("Unsqueeze", "series.scale_per_quantile", [seriesScale, graph.Int64Initializer("axes.scale_2", 2)], ["series.scale_3d"]);
        }

        string restoredName = quantiles is null ? (panel is null ? RnnOnnxNames.Forecast : "forecast.scaled") : "quantiles.restored";
        string restored = window.Level switch
        {
            RnnForecastLevel.None => graph.Node("Identity", "forecast.as_is", [forecastAdjusted], [restoredName]),
            RnnForecastLevel.WindowMeanRatio => graph.Node("Mul", "forecast.times_level",
                [graph.Node("Add", "forecast.plus_one", [forecastAdjusted, "const.one"], ["forecast.ratio"]), level!], [restoredName]),
            _ => graph.Node("Add", "forecast.plus_level", [forecastAdjusted, level!], [restoredName]),
        };

        if (seriesScale is not null)
            restored = graph.Node("Mul", "series.scale_back", [restored, seriesScale], [quantiles is null ? RnnOnnxNames.Forecast : "quantiles.unscaled"]);

        if (quantiles is not null)
        {
            // A negative level (ratio handling) or a conformal adjustment that narrows may cross quantiles: put them back in order outward from the median.
            var ordered = Ordered(graph, restored, quantiles);
            graph.Node("Identity", "quantiles.out", [ordered], [RnnOnnxNames.Quantiles]);
            var median = graph.Node("Gather", "quantiles.median_pick", [RnnOnnxNames.Quantiles, graph.Int64Initializer("quantiles.median_index", quantiles.MedianIndex)],
                ["quantiles.median_picked"], OnnxAttribute.Int("axis", 2));
            graph.Node("Reshape", "forecast.from_median", [median, graph.Int64Initializer("shape.forecast", 0, h)], [RnnOnnxNames.Forecast]);
        }

        graph.Output(RnnOnnxNames.Forecast, OnnxElementType.Float, RnnOnnxNames.BatchDimension, h);
        if (quantiles is not null)
            graph.Output(RnnOnnxNames.Quantiles, OnnxElementType.Float, RnnOnnxNames.BatchDimension, h, quantiles.Count);
        return graph;
    }

    /// <summary>
    /// One network's quantiles [N, H, Q] in level-adjusted units: its standardised outputs z [N, H·Q] (step-major) become the
    /// median and positive gaps outward from it (softplus), summed, so they never cross; then the training scaling is undone.
    /// </summary>
    private static string QuantileValues(OnnxGraphBuilder graph, RecurrentNetworkDescription network, string features, string? flat, ForecastQuantiles quantiles)
    {
        int h = quantiles.Horizon, q = quantiles.Count, a = quantiles.MedianIndex;
        var raw = RegressionOnnxHead.EmitValues(graph, network, features, "quantiles.raw", flat, standardised: true);
        var z = graph.Node("Reshape", "quantiles.per_step", [raw, graph.Int64Initializer("shape.quantiles", 0, h, q)], ["quantiles.z"]);
        var axis = graph.Int64Initializer("quantiles.axis", 2);
        var cumulativeAxis = graph.Int64Scalar("quantiles.cumsum_axis", 2);
        string Slice(string name, int from, int to) => graph.Node("Slice", $"quantiles.{name}", [z, graph.Int64Initializer($"quantiles.{name}_start", from),
            graph.Int64Initializer($"quantiles.{name}_end", to), axis], [$"quantiles.{name}_values"]);
        var median = Slice("median", a, a + 1);
        var parts = new List<string>();
        if (a > 0)
        {
            var gaps = graph.Node("Softplus", "quantiles.lower_gaps", [Slice("lower", 0, a)], ["quantiles.lower_gap_values"]);
            var reach = graph.Node("CumSum", "quantiles.lower_reach", [gaps, cumulativeAxis], ["quantiles.lower_reach_values"], OnnxAttribute.Int("reverse", 1));
            parts.Add(graph.Node("Sub", "quantiles.lower_bound", [median, reach], ["quantiles.lower_z"]));
        }

        parts.Add(median);
        if (a + 1 < q)
        {
            var gaps = graph.Node("Softplus", "quantiles.upper_gaps", [Slice("upper", a + 1, q)], ["quantiles.upper_gap_values"]);
            var reach = graph.Node("CumSum", "quantiles.upper_reach", [gaps, cumulativeAxis], ["quantiles.upper_reach_values"]);
            parts.Add(graph.Node("Add", "quantiles.upper_bound", [median, reach], ["quantiles.upper_z"]));
        }

        var monotone = graph.Node("Concat", "quantiles.monotone", [.. parts], ["quantiles.monotone_z"], OnnxAttribute.Int("axis", 2));
        var targets = network.Regression!;
        var scale = graph.Initializer(RnnOnnxNames.TargetScaleInitializer, [h, q], targets.Scales.Span);
        var mean = graph.Initializer(RnnOnnxNames.TargetMeanInitializer, [h, q], targets.Means.Span);
        var scaled = graph.Node("Mul", "quantiles.unscale", [monotone, scale], ["quantiles.scaled"]);
        return graph.Node("Add", "quantiles.uncentre", [scaled, mean], ["quantiles.adjusted_units"]);
    }

    /// <summary>[N, H, Q] quantiles put in order outward from the median: each lower one at most the next, each upper one at least the one before.</summary>
    private static string Ordered(OnnxGraphBuilder graph, string values, ForecastQuantiles quantiles)
    {
        int q = quantiles.Count, a = quantiles.MedianIndex;
        var axis = graph.Int64Initializer("order.axis", 2);
        var columns = new string[q];
        for (int j = 0; j < q; j++)
            columns[j] = graph.Node("Slice", $"order.q{j}", [values, graph.Int64Initializer($"order.q{j}_start", j), graph.Int64Initializer($"order.q{j}_end", j + 1), axis], [$"order.q{j}_values"]);
        for (int j = a - 1; j >= 0; j--)
            columns[j] = graph.Node("Min", $"order.below_{j}", [columns[j], columns[j + 1]], [$"order.below_{j}_values"]);
        for (int j = a + 1; j < q; j++)
            columns[j] = graph.Node("Max", $"order.above_{j}", [columns[j], columns[j - 1]], [$"order.above_{j}_values"]);
        return graph.Node("Concat", "order.all", columns, ["quantiles.ordered"], OnnxAttribute.Int("axis", 2));
    }

    /// <summary>
    /// Each row's series scale [N, 1]: the table's entry for its index; for the unknown row (index = series count, whose entry
    /// is 0) the mean absolute value of its history, at least <see cref="ForecastPanel.MinimumScale"/>.
    /// </summary>
    private static string SeriesScale(OnnxGraphBuilder graph, ForecastPanel panel, string history, string seriesIndex)
    {
        var table = graph.Initializer(SeriesScaleInitializer, [panel.Count + 1], [.. panel.SeriesScales.Span, 0f]);
        var known = graph.Node("Gather", "series.scale_lookup", [table, seriesIndex], ["series.scale_known_n"]);
        var knownColumn = graph.Node("Unsqueeze", "series.scale_column", [known, graph.Int64Initializer("axes.series_1", 1)], ["series.scale_known"]);
        var absolute = graph.Node("Abs", "series.history_abs", [history], ["series.history_abs_values"]);
        var fromHistory = graph.Node("ReduceMean", "series.history_mean", [absolute], ["series.history_mean_abs"], OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 1));
        var floored = graph.Node("Max", "series.history_scale_floor", [fromHistory, graph.Initializer("series.minimum_scale", [], [ForecastPanel.MinimumScale])], ["series.history_scale_values"]);
        var unknown = graph.Node("Equal", "series.is_unknown", [knownColumn, graph.Initializer("series.unknown_marker", [], [0f])], ["series.unknown"]);
        return graph.Node("Where", "series.scale", [unknown, floored, knownColumn], ["series.scale_values"]);
    }

    /// <summary>[N, T, V] input → [N, T, V + S]: each row's standardised static covariates (the average for the unknown row) at every time step.</summary>
    private static string WithStatics(OnnxGraphBuilder graph, ForecastPanel panel, ForecastWindow window, string x, string seriesIndex)
    {
        int s = panel.StaticCovariateCount;
        var rows = Enumerable.Range(0, panel.Count + 1).SelectMany(panel.StandardisedStatics).ToArray();
        var table = graph.Initializer(StaticTableInitializer, [panel.Count + 1, s], rows);
        var statics = graph.Node("Gather", "series.statics_lookup", [table, seriesIndex], ["series.statics_n"]);
        var perRow = graph.Node("Unsqueeze", "series.statics_row", [statics, graph.Int64Initializer("axes.statics_1", 1)], ["series.statics_1"]);
        var everyStep = graph.Node("Expand", "series.statics_steps", [perRow, graph.Int64Initializer("shape.statics_steps", 1, window.TimeSteps, 1)], ["series.statics_t"]);
        return graph.Node("Concat", "window.with_statics", [x, everyStep], ["window.input_with_statics"], OnnxAttribute.Int("axis", 2));
    }

    /// <summary>[N, W, 1] window values → [N, W + H, 1]: each forecast step repeats the value one season earlier (<see cref="ForecastWindow.SeasonSource"/>).</summary>
    private static string SeasonalForecastSteps(OnnxGraphBuilder graph, ForecastWindow window, string values)
    {
        var sources = Enumerable.Range(window.WindowSize, window.Horizon).Select(t => (long)window.SeasonSource(t)).ToArray();
        var earlier = graph.Node("Gather", "window.season_earlier", [values, graph.Int64Initializer("season.sources", sources)], ["window.season_values"], OnnxAttribute.Int("axis", 1));
        return graph.Node("Concat", "window.with_forecast_steps", [values, earlier], ["window.values"], OnnxAttribute.Int("axis", 1));
    }

    /// <summary>The window's level, [N, 1]: its last value or its mean; null for <see cref="RnnForecastLevel.None"/>.</summary>
    private static string? Level(OnnxGraphBuilder graph, ForecastWindow window, string history) => window.Level switch
    {
        RnnForecastLevel.LastValue or RnnForecastLevel.Differences => graph.Node("Slice", "window.last_value",
            [history, graph.Int64Initializer("slice.last_start", window.WindowSize - 1), graph.Int64Initializer("slice.last_end", window.WindowSize),
                graph.Int64Initializer("slice.axis_1", 1)], ["window.level"]),
        RnnForecastLevel.WindowMean or RnnForecastLevel.WindowMeanRatio => graph.Node("ReduceMean", "window.mean", [history], ["window.level"],
            OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 1)),
        _ => null,
    };

    /// <summary>Step-to-step changes [N, W]: x[t] − x[t−1], and 0 at step 0.</summary>
    private static string Differences(OnnxGraphBuilder graph, string history, int windowSize)
    {
        var axis = graph.Int64Initializer("diff.axis_1", 1);
        var later = graph.Node("Slice", "diff.later", [history, graph.Int64Initializer("diff.later_start", 1), graph.Int64Initializer("diff.later_end", windowSize), axis], ["diff.later_values"]);
        var earlier = graph.Node("Slice", "diff.earlier", [history, graph.Int64Initializer("diff.earlier_start", 0), graph.Int64Initializer("diff.earlier_end", windowSize - 1), axis], ["diff.earlier_values"]);
        var changes = graph.Node("Sub", "diff.changes", [later, earlier], ["diff.values"]);
        return graph.Node("Pad", "diff.first_step_zero", [changes, graph.Int64Initializer("pads.first_step", 0, 1, 0, 0)], ["window.adjusted"]);
    }
}
