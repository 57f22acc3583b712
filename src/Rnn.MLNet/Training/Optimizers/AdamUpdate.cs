using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// One Adam update of one parameter (PyTorch's algorithm: bias-corrected moments, optional AMSGrad, L2 or decoupled
/// weight decay), written with <see cref="StepScalars"/> so no scalar argument can be finalized mid-call.
/// </summary>
internal static class AdamUpdate
{
    public static void Apply(
        Tensor parameter, Tensor gradient, ref long step, Tensor average, Tensor squaredAverage, ref Tensor? maxSquaredAverage,
        double learningRate, double beta1, double beta2, double epsilon, double weightDecay, bool decoupledDecay, bool amsgrad, bool maximize)
    {
        using var scalars = new StepScalars();
        if (maximize)
            gradient = gradient.neg();
        step++;
        if (weightDecay != 0 && decoupledDecay)
            parameter.mul_(scalars.Of(1 - learningRate * weightDecay));
        else if (weightDecay != 0)
            gradient = gradient.add(parameter, scalars.Of(weightDecay));

        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        average.mul_(scalars.Of(beta1)).add_(gradient, scalars.Of(1 - beta1));
        squaredAverage.mul_(scalars.Of(beta2)).addcmul_(gradient, gradient, scalars.Of(1 - beta2));
        var second = squaredAverage;
        if (amsgrad)
        {
            var previous = maxSquaredAverage!;
            maxSquaredAverage = torch.maximum(previous, squaredAverage).DetachFromDisposeScope();
            previous.Dispose();
            second = maxSquaredAverage;
        }

        // add_(Scalar) without an alpha converts a 1 implicitly, so the alpha is given.
        var denominator = second.sqrt().div_(scalars.Of(Math.Sqrt(biasCorrection2))).add_(scalars.Of(epsilon), scalars.Of(1));
        parameter.addcdiv_(average, denominator, scalars.Of(-learningRate / biasCorrection1));
    }
}
