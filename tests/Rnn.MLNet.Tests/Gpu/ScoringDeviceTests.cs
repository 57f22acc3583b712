using Microsoft.ML;
using Microsoft.ML.Runtime;
using Rnn.Onnx;
using GpuScoring = Rnn.Onnx.Tests.Gpu.GpuScoring;

namespace Rnn.MLNet.Tests.Gpu;

/// <summary>
/// ML.NET's device convention for scoring (MLContext.GpuDeviceId, FallbackToCpu) where ONNX Runtime cannot use CUDA:
/// for RnnTransformer, RnnForecaster and saved models reloaded as ML.NET's own OnnxTransformer. CI runs these in the default build
/// and in the GPU-runtime build (-p:RnnTestOnnxRuntime=gpu); on a machine where CUDA works they are inconclusive.
/// </summary>
[TestClass]
[TestCategory(GpuScoring.Category)]
public sealed class ScoringDeviceTests
{
    private static string _modelFile = "";
    private static IDataView _test = null!;

    [ClassInitialize]
    public static void TrainOnce(TestContext context)
    {
        if (OnnxRuntimeCuda.IsUsable(0, out _))
            return;
        var ml = new MLContext(seed: 1);
        var (train, test) = TestPipelines.KeyedSplit(ml, trainRows: 32, testRows: 12);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        using var model = ml.MulticlassClassification.Trainers.Rnn(options).Fit(train);
        _modelFile = Path.Combine(Directory.CreateTempSubdirectory("rnn-scoring-device-").FullName, "model.zip");
        ml.Model.Save(model, train.Schema, _modelFile);
        _test = test;
    }

    [ClassCleanup]
    public static void DeleteModel()
    {
        if (_modelFile.Length > 0)
            Directory.Delete(Path.GetDirectoryName(_modelFile)!, recursive: true);
    }

    [TestInitialize]
    public void RequireUnusableCuda()
    {
        if (OnnxRuntimeCuda.IsUsable(0, out _))
            Assert.Inconclusive("ONNX Runtime can use CUDA device 0 here; nothing to fall back from.");
    }

    [TestMethod]
    public void TransformerFallsBackWithOneWarningAndScoresAsOnTheCpu()
    {
        using var cpu = RnnModelFile.LoadTransformer(new MLContext(), _modelFile);
        var (gpuContext, warnings) = Context(gpuDeviceId: 0, fallbackToCpu: true);
        using var fallback = RnnModelFile.LoadTransformer(gpuContext, _modelFile);

        var expected = TestPipelines.Scores(cpu.Transform(_test));
        CollectionAssert.AreEqual(expected, TestPipelines.Scores(fallback.Transform(_test)));
        Assert.IsFalse(fallback.UsesCuda);
        Assert.HasCount(1, warnings, string.Join(Environment.NewLine, warnings));
        StringAssert.Contains(warnings[0], "MLContext.GpuDeviceId is 0");
        StringAssert.Contains(warnings[0], GpuScoring.ExpectedCause);
        Assert.IsFalse(cpu.UsesCuda);
    }

    [TestMethod]
    public void WithoutFallbackScoringFailsClearlyButTrainingOnTheCpuStillReturnsTheModel()
    {
        // Training honours its explicit device; the scoring device is the context's, checked when rows are first scored.
        var (ml, _) = Context(gpuDeviceId: 0, fallbackToCpu: false);
        var (train, test) = TestPipelines.KeyedSplit(ml, trainRows: 16, testRows: 4);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 1;
        options.Device = "cpu";
        using var model = ml.MulticlassClassification.Trainers.Rnn(options).Fit(train);

        var error = Assert.Throws<InvalidOperationException>(() => TestPipelines.Scores(model.Transform(test)));
        StringAssert.Contains(error.Message, "MLContext.GpuDeviceId is 0 and MLContext.FallbackToCpu is false");
        StringAssert.Contains(error.Message, GpuScoring.ExpectedCause);
        Assert.Throws<InvalidOperationException>(() => model.UsesCuda);

        ml.FallbackToCpu = true;
        Assert.HasCount(4 * model.ClassNames.Count, TestPipelines.Scores(model.Transform(test)));
    }

    [TestMethod]
    public void SavedModelLoadsOnTheCpuWithOneWarningAndTheContextKeepsItsDevice()
    {
        var cpu = RnnModelFile.Load(new MLContext(), _modelFile, out _);
        var (gpuContext, warnings) = Context(gpuDeviceId: 0, fallbackToCpu: true);
        var fallback = RnnModelFile.Load(gpuContext, _modelFile, out _);

        CollectionAssert.AreEqual(TestPipelines.Scores(cpu.Transform(_test)), TestPipelines.Scores(fallback.Transform(_test)));
        Assert.HasCount(1, warnings, string.Join(Environment.NewLine, warnings));
        StringAssert.Contains(warnings[0], "model file");
        StringAssert.Contains(warnings[0], GpuScoring.ExpectedCause);
        Assert.AreEqual(0, gpuContext.GpuDeviceId);
    }

    [TestMethod]
    public void SavedModelWithoutFallbackFailsNamingTheFileAndTheCause()
    {
        var (gpuContext, _) = Context(gpuDeviceId: 0, fallbackToCpu: false);
        var error = Assert.Throws<InvalidOperationException>(() => RnnModelFile.Load(gpuContext, _modelFile, out _));
        StringAssert.Contains(error.Message, "MLContext.GpuDeviceId is 0 and MLContext.FallbackToCpu is false");
        StringAssert.Contains(error.Message, _modelFile);
        StringAssert.Contains(error.Message, GpuScoring.ExpectedCause);
    }

    [TestMethod]
    public void PlainModelLoadFallsBackOnlyWithTheGpuRuntime()
    {
        // Why RnnModelFile.Load checks the device itself: ML.NET's OnnxTransformer catches only OnnxRuntimeException.
        var (gpuContext, _) = Context(gpuDeviceId: 0, fallbackToCpu: true);
        RnnModelFile.Register(gpuContext);
        if (GpuScoring.GpuRuntime)
        {
            var loaded = gpuContext.Model.Load(_modelFile, out _);
            var expected = TestPipelines.Scores(RnnModelFile.Load(new MLContext(), _modelFile, out _).Transform(_test));
            CollectionAssert.AreEqual(expected, TestPipelines.Scores(loaded.Transform(_test)));
            return;
        }

        var error = Assert.Throws<Exception>(() => gpuContext.Model.Load(_modelFile, out _));
        while (error.InnerException is { } inner)
            error = inner;
        Assert.IsInstanceOfType<EntryPointNotFoundException>(error);
        StringAssert.Contains(error.Message, "CUDA");
    }

    [TestMethod]
    public void SavingFromAContextThatAsksForAGpuWorks()
    {
        var (gpuContext, _) = Context(gpuDeviceId: 0, fallbackToCpu: true);
        using var model = RnnModelFile.LoadTransformer(gpuContext, _modelFile);
        var path = Path.Combine(Path.GetDirectoryName(_modelFile)!, $"{Guid.NewGuid():N}.zip");
        gpuContext.Model.Save(model, _test.Schema, path);
        var reloaded = RnnModelFile.Load(new MLContext(), path, out _);
        CollectionAssert.AreEqual(TestPipelines.Scores(model.Transform(_test)), TestPipelines.Scores(reloaded.Transform(_test)));
    }

    [TestMethod]
    public void ForecasterFollowsFallbackToCpuAndWarnsOnce()
    {
        // It used to fall back silently whatever FallbackToCpu said; it follows the same convention as RnnTransformer now.
        var (gpuContext, warnings) = Context(gpuDeviceId: 0, fallbackToCpu: false);
        var series = SyntheticSeries.Generate(80, slope: 0.1f);
        using var forecaster = gpuContext.Rnn().Forecaster(SyntheticSeries.Options(window: 8, horizon: 2, epochs: 1)).Fit(SyntheticSeries.Load(gpuContext, series));
        var history = series.Take(20).Select(r => r.Value).ToArray();

        var error = Assert.Throws<InvalidOperationException>(() => forecaster.Forecast(history));
        StringAssert.Contains(error.Message, "MLContext.GpuDeviceId is 0 and MLContext.FallbackToCpu is false");
        StringAssert.Contains(error.Message, nameof(RnnForecaster));
        StringAssert.Contains(error.Message, GpuScoring.ExpectedCause);

        gpuContext.FallbackToCpu = true;
        var forecast = forecaster.Forecast(history);
        Assert.HasCount(1, warnings, string.Join(Environment.NewLine, warnings));
        StringAssert.Contains(warnings[0], nameof(RnnForecaster));
        var path = Path.Combine(Path.GetDirectoryName(_modelFile)!, $"{Guid.NewGuid():N}.onnx");
        forecaster.Save(path);
        using var cpu = RnnForecaster.Load(new MLContext(), path);
        CollectionAssert.AreEqual(cpu.Forecast(history), forecast);
    }

    private static (MLContext Context, List<string> Warnings) Context(int gpuDeviceId, bool fallbackToCpu)
    {
        var ml = new MLContext(seed: 1) { GpuDeviceId = gpuDeviceId, FallbackToCpu = fallbackToCpu };
        var warnings = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.Kind == ChannelMessageKind.Warning && e.Message.Contains("CUDA", StringComparison.Ordinal))
                lock (warnings)
                    warnings.Add(e.Message);
        };
        return (ml, warnings);
    }
}
