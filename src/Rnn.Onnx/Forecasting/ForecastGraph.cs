using Rnn.Onnx.Export;
using Rnn.Onnx.Graph;
using Rnn.Onnx.Heads;

namespace Rnn.Onnx.Forecasting;

/// <summary>
/// A forecaster as one graph, so any ONNX runtime forecasts from raw values: history [N, W] (and covariates
/// [N, W+H, C]) → level taken out, standardised, laid out as <see cref="ForecastWindow.FillInput"/> does → the recurrent
/// network and its regression head (an ensemble: each member in its own name scope, outputs averaged) → level put back →
/// forecast [N, H].
/// </summary>
internal static class ForecastGraph
{
    public const string ValueMeanInitializer = "window.value_mean";
    public const string ValueScaleInitializer = "window.value_scale";
    public const string CovariateMeanInitializer = "covariates.mean";
    public const string CovariateScaleInitializer = "covariates.scale";

    /// <summary>Prefix of ensemble member <paramref name="index"/>'s nodes and initializers (none for a single network).</summary>
    public static string MemberPrefix(int index, int members) => members > 1 ? $"m{index}/" : "";

    public static OnnxGraphBuilder Build(IReadOnlyList<RecurrentNetworkDescription> networks, ForecastWindow window)
    {
        var graph = new OnnxGraphBuilder("rnn_forecaster");
        int w = window.WindowSize, h = window.Horizon, c = window.CovariateCount;
        var history = graph.Input(RnnOnnxNames.History, OnnxElementType.Float, RnnOnnxNames.BatchDimension, w);
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
            outputs.Add(RegressionOnnxHead.EmitValues(graph, networks[i], features, "forecast.adjusted", flat));
        }

        var forecastAdjusted = outputs.Count == 1 ? outputs[0] : graph.Node("Mean", "ensemble.mean", [.. outputs], ["forecast.ensemble_mean"]);

        switch (window.Level)
        {
            case RnnForecastLevel.None:
                graph.Node("Identity", "forecast.as_is", [forecastAdjusted], [RnnOnnxNames.Forecast]);
                break;
            case RnnForecastLevel.WindowMeanRatio:
                var ratio = graph.Node("Add", "forecast.plus_one", [forecastAdjusted, "const.one"], ["forecast.ratio"]);
                graph.Node("Mul", "forecast.times_level", [ratio, level!], [RnnOnnxNames.Forecast]);
                break;
            default:
                graph.Node("Add", "forecast.plus_level", [forecastAdjusted, level!], [RnnOnnxNames.Forecast]);
                break;
        }

        graph.Output(RnnOnnxNames.Forecast, OnnxElementType.Float, RnnOnnxNames.BatchDimension, h);
        return graph;
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
