using Rnn.Onnx.Tests.Support;

namespace Rnn.Onnx.Tests.Forecasting;

/// <summary>The served forecaster refuses calls that do not fit the model with a message that names the value and what was expected.</summary>
[TestClass]
public sealed class ForecasterBadInputTests
{
    private const int W = 6, H = 3;

    [TestMethod]
    public void UnknownIdsCoveragesAndCallsThatDoNotFitTheModelAreRefused()
    {
        float[] levels = [0.1f, 0.5f, 0.9f];
        using var strict = Forecaster(new ForecastQuantiles(levels, H, new float[H * levels.Length]), RnnUnknownSeries.Refuse);
        var history = Enumerable.Range(1, W).Select(i => (float)i).ToArray();

        var unknown = Assert.ThrowsExactly<ArgumentException>(() => strict.Forecast("delta", history));
        StringAssert.Contains(unknown.Message, "'delta'");
        Assert.ThrowsExactly<ArgumentException>(() => strict.ForecastQuantiles("delta", history));

        var forecast = strict.ForecastQuantiles("beta", history);
        Assert.AreEqual(0.8f, forecast.Coverages.Single(), 1e-6f);
        var coverage = Assert.ThrowsExactly<ArgumentException>(() => forecast.Lower(0.95f));
        StringAssert.Contains(coverage.Message, "0.95");
        Assert.ThrowsExactly<ArgumentException>(() => forecast.Quantile(0.25f));

        var oneSeries = Assert.ThrowsExactly<InvalidOperationException>(() => strict.Forecast(history));
        StringAssert.Contains(oneSeries.Message, "trained on 3 series");
        var length = Assert.ThrowsExactly<ArgumentException>(() => strict.Forecast("beta", history.AsSpan(0, W - 1)));
        StringAssert.Contains(length.Message, $"WindowSize = {W}");

        using var points = Forecaster(quantiles: null, RnnUnknownSeries.FromHistory);
        var noQuantiles = Assert.ThrowsExactly<InvalidOperationException>(() => points.ForecastQuantiles("alpha", history));
        StringAssert.Contains(noQuantiles.Message, "without quantiles");
        Assert.AreEqual(H, points.Forecast("delta", history).Length, "an unknown id is forecast from its own history by default");
    }

    private static RnnOnnxForecaster Forecaster(ForecastQuantiles? quantiles, RnnUnknownSeries unknown)
    {
        int q = quantiles?.Levels.Count ?? 1;
        var window = new ForecastWindow(W, H, RnnForecastLevel.WindowMean, 0f, 1f, [], [], []);
        var panel = new ForecastPanel(["alpha", "beta", "gamma"], [1f, 10f, 100f], unknown, [], [], [], []);
        var net = RandomNetworks.AsRegressor(RandomNetworks.Create(RnnCellType.Gru, 1, bidirectional: false, seed: 5, inputSize: window.NetworkInputSize, hiddenSize: 4, classes: H * q),
            new float[H * q], Enumerable.Repeat(1f, H * q).ToArray());
        return RnnOnnxForecaster.FromBytes(RnnOnnxForecastExporter.ToBytes([net], window, panel, quantiles));
    }
}
