using Rnn.Onnx.Tests.Support;
using Rnn.Tests.Reference;

namespace Rnn.Onnx.Tests.Forecasting;

/// <summary>
/// The forecaster graph of many series (series index in, per-series scale and static covariates inside) and of quantiles
/// (non-crossing quantiles, conformal adjustments) forecasts what a plain computation of the same steps gives: the window
/// scaled and laid out by <see cref="ForecastWindow.FillInput(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>,
/// the double-precision reference network, the quantile transform written out here, the level and scale put back.
/// </summary>
[TestClass]
public sealed class PanelQuantileGraphTests
{
    private const int W = 6, H = 3;
    private static readonly float[] Levels = [0.1f, 0.25f, 0.5f, 0.75f, 0.9f];

    public static IEnumerable<object[]> Cases() =>
        from cell in new[] { RnnCellType.Lstm, RnnCellType.Gru }
        from level in new[] { RnnForecastLevel.WindowMean, RnnForecastLevel.WindowMeanRatio, RnnForecastLevel.LastValue, RnnForecastLevel.None }
        from panel in new[] { false, true }
        from quantiles in new[] { false, true }
        from statics in panel ? new[] { 0, 2 } : new[] { 0 }
        from covariates in new[] { 0, 2 }
        where panel || quantiles
        select new object[] { cell, level, panel, quantiles, statics, covariates };

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void TheGraphForecastsWhatThePlainComputationGives(RnnCellType cell, RnnForecastLevel level, bool withPanel, bool withQuantiles, int statics, int covariates)
    {
        var rng = new Random(17 + (int)cell * 7 + (int)level * 3 + statics + covariates);
        int q = withQuantiles ? Levels.Length : 1;
        var window = new ForecastWindow(W, H, level, 0.1f, 1.3f, [.. Enumerable.Range(0, covariates).Select(i => $"c{i}")],
            Enumerable.Repeat(0.5f, covariates).ToArray(), Enumerable.Repeat(2f, covariates).ToArray(), staticCovariateCount: statics);
        string[] ids = ["alpha", "beta", "gamma"];
        var panel = withPanel
            ? new ForecastPanel(ids, [50f, 0.2f, 3000f], RnnUnknownSeries.FromHistory, [.. Enumerable.Range(0, statics).Select(i => $"s{i}")],
                [.. Enumerable.Range(0, ids.Length * statics).Select(_ => (float)rng.NextDouble() * 10)], Enumerable.Repeat(5f, statics).ToArray(), Enumerable.Repeat(3f, statics).ToArray())
            : null;
        var adjustments = withQuantiles ? Enumerable.Range(0, H * q).Select(i => i % q == 2 ? 0f : (float)(rng.NextDouble() - 0.3)).ToArray() : [];
        for (int h = 0; h < H && withQuantiles; h++)
        {
            for (int j = 0; j < q; j++)
                adjustments[h * q + j] *= j < 2 ? -1 : 1;
        }

        var quantiles = withQuantiles ? new ForecastQuantiles(Levels, H, adjustments) : null;
        float[] stepMeans = [0.3f, -0.2f, 0.1f], stepScales = [1.5f, 0.7f, 2f];
        var net = RandomNetworks.AsRegressor(
            RandomNetworks.Create(cell, 1, bidirectional: false, seed: rng.Next(), inputSize: window.NetworkInputSize, hiddenSize: 5, classes: H * q),
            [.. Enumerable.Range(0, H * q).Select(i => stepMeans[i / q])], [.. Enumerable.Range(0, H * q).Select(i => stepScales[i / q])]);
        var bytes = RnnOnnxForecastExporter.ToBytes([net], window, panel, quantiles);
        using var forecaster = RnnOnnxForecaster.FromBytes(bytes);
        var read = RnnOnnxImporter.ReadForecastModel(bytes);
        CollectionAssert.AreEqual(bytes, RnnOnnxForecastExporter.ToBytes(read.Networks, read.Window, read.Panel, read.Quantiles),
            "read back and written again, the model is the same bytes");
        CollectionAssert.AreEqual(panel?.SeriesIds.ToArray() ?? [], forecaster.SeriesIds.ToArray());
        CollectionAssert.AreEqual(quantiles?.Levels.ToArray() ?? [], forecaster.QuantileLevels.ToArray());

        // Rows of every known series and one unknown; windows on each series' own scale.
        long[] indexes = withPanel ? [0, 1, 2, 3, 1] : [];
        int batch = withPanel ? indexes.Length : 4;
        float[] rowScale = withPanel ? [.. indexes.Select(i => i < 3 ? panel!.SeriesScales.Span[(int)i] : 7f)] : Enumerable.Repeat(1f, batch).ToArray();
        var windows = new float[batch * W];
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < W; t++)
                windows[b * W + t] = rowScale[b] * (1f + (float)rng.NextDouble());
        }

        var covariateValues = Enumerable.Range(0, batch * (W + H) * covariates).Select(_ => (float)rng.NextDouble() * 3).ToArray();
        var forecasts = new float[batch * H];
        var quantileValues = new float[withQuantiles ? batch * H * q : 0];
        forecaster.ForecastBatch(windows, covariateValues, indexes, batch, forecasts, quantileValues);

        var reference = new ReferenceNetwork(net);
        double worst = 0;
        for (int b = 0; b < batch; b++)
        {
            var raw = windows.AsSpan(b * W, W);
            int index = withPanel ? (int)indexes[b] : -1;
            float scale = panel?.ScaleOf(index, raw) ?? 1f;
            var scaled = raw.ToArray().Select(v => v / scale).ToArray();
            var input = new float[window.TimeSteps * window.ValuesPerTimeStep];
            float windowLevel = window.FillInput(scaled, covariateValues.AsSpan(b * (W + H) * covariates, (W + H) * covariates),
                panel?.StandardisedStatics(index) ?? [], input);
            var outputs = reference.Score(input);
            var expected = new double[H * q];
            for (int h = 0; h < H; h++)
            {
                var z = Enumerable.Range(0, q).Select(j => (outputs[h * q + j] - stepMeans[h]) / stepScales[h]).ToArray();
                var ordered = withQuantiles ? NonCrossing(z, q / 2) : z;
                for (int j = 0; j < q; j++)
                {
                    double adjusted = ordered[j] * stepScales[h] + stepMeans[h] + (withQuantiles ? adjustments[h * q + j] : 0);
                    expected[h * q + j] = window.Restore((float)adjusted, windowLevel) * scale;
                }

                if (withQuantiles)
                    InOrder(expected.AsSpan(h * q, q), q / 2);
            }

            for (int h = 0; h < H; h++)
            {
                double point = withQuantiles ? expected[h * q + q / 2] : expected[h];
                worst = Math.Max(worst, Math.Abs(forecasts[b * H + h] - point) / Math.Max(1, Math.Abs(point)));
                for (int j = 0; withQuantiles && j < q; j++)
                    worst = Math.Max(worst, Math.Abs(quantileValues[(b * H + h) * q + j] - expected[h * q + j]) / Math.Max(1, Math.Abs(expected[h * q + j])));
            }
        }

        Console.WriteLine($"{cell} {level} panel={withPanel} quantiles={withQuantiles} statics={statics} covariates={covariates}: worst relative difference {worst:E2}");
        Assert.IsTrue(worst < 2e-5, $"worst relative difference {worst:E3}");
        if (withQuantiles)
        {
            for (int i = 0; i < batch * H; i++)
            {
                for (int j = 1; j < q; j++)
                    Assert.IsTrue(quantileValues[i * q + j] >= quantileValues[i * q + j - 1], "quantiles never cross");
            }
        }
    }

    /// <summary>The median, then positive gaps (softplus) summed outward: the quantile transform, written out.</summary>
    private static double[] NonCrossing(double[] z, int median)
    {
        var q = new double[z.Length];
        q[median] = z[median];
        for (int j = median + 1; j < z.Length; j++)
            q[j] = q[j - 1] + Math.Log(1 + Math.Exp(z[j]));
        for (int j = median - 1; j >= 0; j--)
            q[j] = q[j + 1] - Math.Log(1 + Math.Exp(z[j]));
        return q;
    }

    private static void InOrder(Span<double> values, int median)
    {
        for (int j = median - 1; j >= 0; j--)
            values[j] = Math.Min(values[j], values[j + 1]);
        for (int j = median + 1; j < values.Length; j++)
            values[j] = Math.Max(values[j], values[j - 1]);
    }
}
