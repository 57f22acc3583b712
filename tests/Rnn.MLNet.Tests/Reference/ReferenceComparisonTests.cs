namespace Rnn.MLNet.Tests;

/// <summary>
/// <see cref="ReferenceComparison"/> names the side that is wrong, measures only entries that carry a prediction, and
/// never lets a NaN pass: the parity tests' messages are only as good as this.
/// </summary>
[TestClass]
public sealed class ReferenceComparisonTests
{
    [TestMethod]
    public void TheMessageNamesTheSideFarFromTheReferenceAndHowFar()
    {
        var comparison = new ReferenceComparison([0.25, 0.75], [0, 1]);
        comparison.Add(ReferenceComparison.TorchNoGrad, [0.375f, 0.625f]);
        comparison.Add(ReferenceComparison.TorchWithGradients, [0.25f, 0.75f]);
        comparison.Add(ReferenceComparison.OnnxRuntime, [0.25f, 0.75f]);

        var failure = Assert.ThrowsExactly<AssertFailedException>(() => comparison.AssertWithin(1e-5, "case"));

        StringAssert.Contains(failure.Message, "case: TorchSharp (no_grad) differs from the double-precision reference by 1.25e-1 (tolerance 1.0e-5); TorchSharp (with gradients) 0.0e+0; ONNX Runtime 0.0e+0");
    }

    [TestMethod]
    public void SeveralFarSidesAreAllNamed()
    {
        var comparison = new ReferenceComparison([1.0], [0]);
        comparison.Add(ReferenceComparison.TorchNoGrad, [1.5f]);
        comparison.Add(ReferenceComparison.OnnxRuntime, [0.75f]);

        StringAssert.StartsWith(comparison.Describe(1e-5), "TorchSharp (no_grad) and ONNX Runtime differ from the double-precision reference by 5.0e-1 and 2.5e-1");
    }

    [TestMethod]
    public void EntriesOutsideTheValidIndicesDoNotCountAndScalesDivide()
    {
        var comparison = new ReferenceComparison([800.0, double.NaN, 9500.0], [0, 2], scale: i => i == 0 ? 800 : 8);

        double distance = comparison.Add(ReferenceComparison.OnnxRuntime, [816f, 123f, 9500.5f]);

        Assert.AreEqual(0.0625, distance, 1e-12);
    }

    [TestMethod]
    public void ANaNOnEitherSideIsInfinitelyFar()
    {
        var comparison = new ReferenceComparison([0.5, double.NaN], [0, 1]);

        Assert.AreEqual(double.PositiveInfinity, comparison.Add(ReferenceComparison.TorchNoGrad, [0.5f, 0.5f]));
        Assert.AreEqual(double.PositiveInfinity, new ReferenceComparison([0.5], [0]).Add(ReferenceComparison.TorchNoGrad, [float.NaN]));
    }
}
