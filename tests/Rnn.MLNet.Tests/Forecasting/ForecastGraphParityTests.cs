using TorchSharp;
using Rnn.Tests.Reference;

namespace Rnn.MLNet.Tests;

/// <summary>
/// The exported forecast graph (level handling, standardisation and step layout inside ONNX) forecasts exactly what the
/// TorchSharp network gives on the windows the trainer is fed (<see cref="ForecastWindow.FillInput"/>), with the level put back:
/// every level handling, with and without covariates, one or three time steps per recurrent step, with and without a season,
/// with and without the autoregressive skip. TorchSharp (with and without gradients) and ONNX Runtime are each also
/// compared with the double-precision reference (<see cref="ReferenceNetwork"/>), so a disagreement says which side is wrong.
/// </summary>
[TestClass]
public sealed class ForecastGraphParityTests
{
    public static IEnumerable<object[]> Cases() =>
        from level in Enum.GetValues<RnnForecastLevel>()
        from covariates in new[] { 0, 2 }
        from cell in new[] { RnnCellType.Lstm, RnnCellType.Gru }
        from grouped in new[] { 1, 3 }
        from season in covariates > 0 ? new[] { 0, 2 } : new[] { 0 }
        from skip in new[] { false, true }
        select new object[] { level, covariates, cell, grouped, season, skip };

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void OnnxForecastEqualsTheNetworkOnTheTrainingLayout(RnnForecastLevel level, int covariateCount, RnnCellType cell, int stepsPerNetworkStep, int seasonLength, bool skip)
    {
        const int W = 9, H = 3, Batch = 5;
        var window = new ForecastWindow(W, H, level, valueMean: 0.3f, valueScale: 4f,
            [.. Enumerable.Range(0, covariateCount).Select(i => $"c{i}")], [.. Enumerable.Repeat(2f, covariateCount)], [.. Enumerable.Repeat(0.5f, covariateCount)], stepsPerNetworkStep, seasonLength);
        torch.random.manual_seed(11 + (int)level + 10 * covariateCount);
        int[]? skipInputs = skip ? [.. Enumerable.Range(0, W).Select(t => t * window.ValuesPerTimeStep)] : null;
        using var net = new RnnSequenceNetwork(new NetworkShape(cell, window.NetworkInputSize, 6, 2, true, 0, H, 0, false, false, SkipInputs: skipInputs));
        var description = NetworkWeights.Describe(net, [], null, new RegressionTargets(["t+1", "t+2", "t+3"], [1f, -2f, 0.5f], [3f, 0.5f, 2f]));
        using var forecaster = RnnOnnxForecaster.FromBytes(RnnOnnxForecastExporter.ToBytes(description, window));
        using var torchScorer = new TorchSequenceScorer(description);
        using var torchWithGradients = new TorchSequenceScorer(description, TorchGradients.Enabled);

        var random = new Random(5);
        // Positive values around 100, so every level handling (a ratio included) applies.
        var windows = Enumerable.Range(0, Batch * W).Select(_ => 100 + (float)random.NextDouble() * 20).ToArray();
        var covariates = Enumerable.Range(0, Batch * (W + H) * covariateCount).Select(_ => (float)random.NextDouble() * 4).ToArray();
        var onnx = new float[Batch * H];
        forecaster.ForecastBatch(windows, covariates, Batch, onnx);

        var chunk = new SequenceChunk();
        var levels = new float[Batch];
        for (int b = 0; b < Batch; b++)
        {
            var input = chunk.Append(window.NetworkSteps * window.NetworkInputSize, window.NetworkSteps, label: 0);
            levels[b] = window.FillInput(windows.AsSpan(b * W, W), covariates.AsSpan(b * (W + H) * covariateCount, (W + H) * covariateCount), input);
        }

        var batch = new PaddedBatch(window.NetworkInputSize);
        batch.Fill(chunk, Enumerable.Range(0, Batch).ToArray());
        var adjusted = new float[Batch * H];
        torchScorer.Score(batch, adjusted);
        var adjustedWithGradients = new float[Batch * H];
        torchWithGradients.Score(batch, adjustedWithGradients);

        // Every side in the series' units. Restore works in float: rounding the reference costs ~1e-7 relative, far below the tolerance.
        float[] Restored(IEnumerable<double> values) => [.. values.Select((v, i) => window.Restore((float)v, levels[i / H]))];
        var referenceForecast = Restored(ReferenceNetwork.Score(description, batch).Values);
        var reference = new ReferenceComparison([.. referenceForecast.Select(v => (double)v)], Enumerable.Range(0, Batch * H),
            i => Math.Max(1, Math.Abs(referenceForecast[i])));
        reference.Add(torchScorer.Side, Restored(adjusted.Select(v => (double)v)));
        reference.Add(torchWithGradients.Side, Restored(adjustedWithGradients.Select(v => (double)v)));
        reference.Add(ReferenceComparison.OnnxRuntime, onnx);
        string what = $"{level}, {covariateCount} covariates, {cell}, {stepsPerNetworkStep} per step, season {seasonLength}, {(skip ? "skip" : "no skip")}";
        Console.WriteLine(reference.LogLine(nameof(ForecastGraphParityTests), what));
        // The reference first: when TorchSharp and ONNX Runtime disagree, its message says which of them is wrong.
        reference.AssertWithin(2e-5, what);
        for (int b = 0; b < Batch; b++)
        {
            for (int h = 0; h < H; h++)
            {
                float expected = window.Restore(adjusted[b * H + h], levels[b]);
                Assert.AreEqual(expected, onnx[b * H + h], 2e-5 * Math.Max(1, Math.Abs(expected)), $"{level}, window {b}, step {h + 1}; {reference.Describe(2e-5)}");
            }
        }
    }
}
