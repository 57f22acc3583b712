using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// Quantiles that cannot cross, from a network's raw outputs [N, targets, quantiles]: the median as it is, and outward from
/// it positive gaps (softplus) summed, so each quantile lies beyond the one nearer the median. The forecaster's ONNX graph
/// applies the same transform (Rnn.Onnx's ForecastGraph).
/// </summary>
internal static class QuantileTransform
{
    public static Tensor Apply(Tensor raw, int median)
    {
        long q = raw.shape[2];
        var centre = raw.narrow(2, median, 1);
        var parts = new List<Tensor>(3);
        if (median > 0)
        {
            // Gaps below, summed from the median outward: reverse, cumulative sum, reverse back.
            var gaps = Softplus(raw.narrow(2, 0, median)).flip(2).cumsum(2).flip(2);
            parts.Add(centre - gaps);
        }

        parts.Add(centre);
        if (median + 1 < q)
            parts.Add(centre.add(Softplus(raw.narrow(2, median + 1, q - median - 1)).cumsum(2), HeldScalars.One));
        return cat(parts, 2);
    }

    /// <summary>log(1 + eˣ) written as max(x, 0) + log(1 + e^−|x|): exact for any x, and free of the number arguments TorchSharp's softplus converts to scalars.</summary>
    private static Tensor Softplus(Tensor x) => x.abs().neg().exp().log1p().add(x.relu(), HeldScalars.One);
}
