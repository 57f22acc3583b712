using Microsoft.ML;
using Microsoft.ML.Data;
using static Rnn.MLNet.Tests.Featurizers.FeaturizerTestKit;

namespace Rnn.MLNet.Tests.Featurizers;

[TestClass]
public sealed class ImageRowsTests
{
    // A 2×3 image whose pixel values are their row-major index: 0 1 2 / 3 4 5.
    private sealed class Image
    {
        [VectorType(6)]
        public float[] Pixels { get; set; } = [];
    }

    private sealed class RawImage
    {
        public float[] Pixels { get; set; } = [];
    }

    private sealed class ByteImage
    {
        [VectorType(6)]
        public byte[] Pixels { get; set; } = [];
    }

    private sealed class TextColumn
    {
        public string Pixels { get; set; } = "";
    }

    public TestContext TestContext { get; set; } = null!;

    private static readonly MLContext Ml = new(seed: 1);

    private static IDataView TwoImages() => Ml.Data.LoadFromEnumerable(new[]
    {
        new Image { Pixels = [0, 1, 2, 3, 4, 5] },
        new Image { Pixels = [10, 11, 12, 13, 14, 15] },
    });

    private static ImageRowsOptions Options(Action<ImageRowsOptions>? change = null)
    {
        var options = new ImageRowsOptions { InputColumnName = "Pixels", Rows = 2, Columns = 3, Normalize = false };
        change?.Invoke(options);
        return options;
    }

    // The graph multiplies by the float factor 1/255 (not divides), so expectations do the same.
    private static float[] Scaled(params float[] values) => [.. values.Select(v => v * (1f / 255))];

    private static float[] FirstRow(ImageRowsOptions options, IDataView? data = null)
    {
        data ??= TwoImages();
        using var model = new ImageRowsEstimator(Ml, options).Fit(data);
        return Read<float>(model.Transform(data), options.OutputColumnName)[0];
    }

    [TestMethod]
    public void RowsBecomeStepsWithTwoDimensionalType()
    {
        var data = TwoImages();
        using var model = Ml.Transforms.ImageRows("Features", rows: 2, columns: 3, "Pixels", normalize: false).Fit(data);
        var output = model.Transform(data);

        var type = (VectorDataViewType)output.Schema["Features"].Type;
        Assert.AreEqual(NumberDataViewType.Single, type.ItemType);
        CollectionAssert.AreEqual(new[] { 2, 3 }, type.Dimensions.ToArray());
        Assert.AreEqual(2, model.Steps);
        Assert.AreEqual(3, model.FeaturesPerStep);
        SameRows([[0f, 1, 2, 3, 4, 5], [10f, 11, 12, 13, 14, 15]], Read<float>(output, "Features"));
    }

    [TestMethod]
    public void BottomUpReversesTheRows() =>
        CollectionAssert.AreEqual(new float[] { 3, 4, 5, 0, 1, 2 }, FirstRow(Options(o => o.BottomUp = true)));

    [TestMethod]
    public void ColumnsAsStepsTransposes()
    {
        var options = Options(o => o.ColumnsAsSteps = true);
        CollectionAssert.AreEqual(new float[] { 0, 3, 1, 4, 2, 5 }, FirstRow(options));
        using var model = new ImageRowsEstimator(Ml, options).Fit(TwoImages());
        CollectionAssert.AreEqual(new[] { 3, 2 }, ((VectorDataViewType)model.GetOutputSchema(TwoImages().Schema)["Features"].Type).Dimensions.ToArray());
    }

    [TestMethod]
    public void ColumnsAsStepsBottomUpReadsEachColumnUpwards() =>
        CollectionAssert.AreEqual(new float[] { 3, 0, 4, 1, 5, 2 }, FirstRow(Options(o => { o.ColumnsAsSteps = true; o.BottomUp = true; })));

    [TestMethod]
    public void NormalizeScalesByDefaultAndHonoursScale()
    {
        var byDefault = FirstRow(Options(o => o.Normalize = true));
        CollectionAssert.AreEqual(Scaled(0, 1, 2, 3, 4, 5), byDefault);
        CollectionAssert.AreEqual(new[] { 0f, 0.5f, 1, 1.5f, 2, 2.5f }, FirstRow(Options(o => { o.Normalize = true; o.Scale = 0.5f; })));
    }

    [TestMethod]
    public void PlanarChannelsAreGroupedPerPixel()
    {
        // 1×2 image, 2 channels, planar: channel 0 = [0, 1], channel 1 = [10, 11].
        var data = Ml.Data.LoadFromEnumerable(new[] { new RawImage { Pixels = [0, 1, 10, 11] } });
        var options = new ImageRowsOptions { InputColumnName = "Pixels", Rows = 1, Columns = 2, Channels = 2, Normalize = false };
        CollectionAssert.AreEqual(new float[] { 0, 10, 1, 11 }, FirstRow(options, data));
        options.InterleavedChannels = true;
        CollectionAssert.AreEqual(new float[] { 0, 1, 10, 11 }, FirstRow(options, data));
    }

    [TestMethod]
    public void BytePixelsAndVariableSizeVectorsAreAccepted()
    {
        var bytes = Ml.Data.LoadFromEnumerable(new[] { new ByteImage { Pixels = [0, 1, 2, 3, 4, 255] } });
        CollectionAssert.AreEqual(Scaled(0, 1, 2, 3, 4, 255), FirstRow(Options(o => o.Normalize = true), bytes));
        var raw = Ml.Data.LoadFromEnumerable(new[] { new RawImage { Pixels = [0, 1, 2, 3, 4, 5] } });
        CollectionAssert.AreEqual(new float[] { 3, 4, 5, 0, 1, 2 }, FirstRow(Options(o => o.BottomUp = true), raw));
    }

    [TestMethod]
    public void InPlaceReplacesThePixelColumn()
    {
        var data = Ml.Data.LoadFromEnumerable(new[] { new Image { Pixels = [0, 1, 2, 3, 4, 5] } });
        var options = Options(o => { o.OutputColumnName = "Pixels"; o.InputColumnName = null; o.BottomUp = true; });
        using var model = new ImageRowsEstimator(Ml, options).Fit(data);
        var output = model.Transform(data);
        Assert.AreEqual(1, output.Schema.Count(c => !c.IsHidden));
        CollectionAssert.AreEqual(new float[] { 3, 4, 5, 0, 1, 2 }, Read<float>(output, "Pixels")[0]);
    }

    [TestMethod]
    public void OutputSchemaIsKnownBeforeFitInsideAChain()
    {
        var chain = Ml.Transforms.ImageRows("Features", 2, 3, "Pixels")
            .Append(Ml.Transforms.Concatenate("Both", "Features", "Features"));
        var shape = chain.GetOutputSchema(Shape(TwoImages().Schema));
        var features = Column(shape, "Features");
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, features.Kind);
        Assert.AreEqual(NumberDataViewType.Single, features.ItemType);
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, Column(shape, "Both").Kind);
        using var fitted = (IDisposable)chain.Fit(TwoImages()).First();
    }

    [TestMethod]
    public void SavedModelLoadsAsBuiltInsWithEqualOutputs()
    {
        var data = TwoImages();
        var pipeline = Ml.Transforms.ImageRows(new ImageRowsOptions { InputColumnName = "Pixels", Rows = 2, Columns = 3, BottomUp = true, ColumnsAsSteps = true });
        using var model = pipeline.Fit(data);
        string path = Path.Combine(Scratch.Folder(TestContext), $"{TestContext.TestName}.zip");
        var loaded = SaveAndLoad(Ml, model, data.Schema, path);

        Assert.IsNotInstanceOfType<ImageRowsTransformer>(loaded);
        var output = loaded.Transform(data);
        Assert.AreEqual(model.Transform(data).Schema["Features"].Type, output.Schema["Features"].Type);
        SameRows(Read<float>(model.Transform(data), "Features"), Read<float>(output, "Features"));
        (loaded as IDisposable)?.Dispose();
    }

    [TestMethod]
    public void WrongSizeIsRejectedWithTheNumbers()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ImageRowsEstimator(Ml, Options(o => o.Rows = 3)).Fit(TwoImages()));
        StringAssert.Contains(error.Message, "'Pixels'");
        StringAssert.Contains(error.Message, "6 values");
        StringAssert.Contains(error.Message, "expected 9");

        var raw = Ml.Data.LoadFromEnumerable(new[] { new RawImage { Pixels = [1, 2, 3] } });
        var rowError = Assert.Throws<InvalidOperationException>(() => new ImageRowsEstimator(Ml, Options()).Fit(raw));
        StringAssert.Contains(rowError.Message, "row 0 has 3 values; expected 6");
    }

    [TestMethod]
    public void WrongTypeAndMissingColumnAreRejected()
    {
        var text = Ml.Data.LoadFromEnumerable(new[] { new TextColumn { Pixels = "x" } });
        var typeError = Assert.Throws<ArgumentOutOfRangeException>(() => new ImageRowsEstimator(Ml, Options()).Fit(text));
        StringAssert.Contains(typeError.Message, "'Pixels' has type String");
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageRowsEstimator(Ml, Options()).GetOutputSchema(Shape(text.Schema)));

        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => new ImageRowsEstimator(Ml, Options(o => o.InputColumnName = "Image")).Fit(TwoImages()));
        StringAssert.Contains(missing.Message, "'Image' was not found");

        using var model = new ImageRowsEstimator(Ml, Options()).Fit(TwoImages());
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(text));
    }

    [TestMethod]
    public void AContextSetForTheGpuStillRunsTheGraphOnTheCpu()
    {
        // The trainer may want the GPU; the featurizer's few ops must not need a CUDA build of ONNX Runtime.
        var gpu = new MLContext(seed: 1) { GpuDeviceId = 0 };
        using var model = gpu.Transforms.ImageRows("Features", 2, 3, "Pixels", normalize: false, bottomUp: true).Fit(TwoImages());
        CollectionAssert.AreEqual(new float[] { 3, 4, 5, 0, 1, 2 }, Read<float>(model.Transform(TwoImages()), "Features")[0]);
    }

    [TestMethod]
    public void ATransformerFittedOnFloatsRejectsBytes()
    {
        var bytes = Ml.Data.LoadFromEnumerable(new[] { new ByteImage { Pixels = [0, 1, 2, 3, 4, 5] } });
        using var model = new ImageRowsEstimator(Ml, Options()).Fit(TwoImages());
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(bytes));
        StringAssert.Contains(error.Message, "fitted on Vector<Single, 6>");
    }

    [TestMethod]
    [DataRow(0, 3, 1)]
    [DataRow(2, -1, 1)]
    [DataRow(2, 3, 0)]
    public void NonPositiveSizesAreRejected(int rows, int columns, int channels)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ImageRowsEstimator(Ml, Options(o => { o.Rows = rows; o.Columns = columns; o.Channels = channels; })));
        StringAssert.Contains(error.Message, "ImageRowsOptions.");
        StringAssert.Contains(error.Message, "expected a whole number ≥ 1");
    }

    [TestMethod]
    public void ZeroScaleIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageRowsEstimator(Ml, Options(o => { o.Normalize = true; o.Scale = 0; })));
}
