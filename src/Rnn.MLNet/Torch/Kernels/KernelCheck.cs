using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Rnn.MLNet;

/// <summary>
/// Runs one <see cref="RecurrentKernel"/> of a module on a tiny batch of that module's shape and measures how far it
/// lands from <see cref="PlainRecurrence"/> on the same weights and values. Rows of different lengths, so padded and
/// packed kernels both see a row that ends early.
/// </summary>
internal static class KernelCheck
{
    /// <summary>
    /// Largest accepted difference, relative to max(1, |expected|). float32 kernels land within ~1e-6 of the double
    /// computation on these sizes; the faults this guards against are 1e-2 and more.
    /// </summary>
    public const double Tolerance = 1e-4;

    private const int Steps = 5;
    private static readonly int[] Lengths = [Steps, 3, 1];

    /// <summary>The largest relative difference between <paramref name="kernel"/> and the step-by-step computation.</summary>
    public static double Error(IRecurrentKernels kernels, Module module, RecurrentKernel kernel)
    {
        var parameters = module.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var plain = new PlainRecurrence(
            kernel.Cell, kernel.InputSize, kernel.HiddenSize,
            Read(parameters["weight_ih_l0"]), Read(parameters["weight_hh_l0"]), Read(parameters["bias_ih_l0"]), Read(parameters["bias_hh_l0"]));
        var values = Values(kernel.InputSize);
        var expected = plain.Run(values, Lengths, Steps);

        using var scope = NewDisposeScope();
        var device = parameters["weight_ih_l0"].device;
        var input = tensor(values, [Lengths.Length, Steps, kernel.InputSize]).to(device);
        var rows = new RowLengths(tensor(Lengths.Select(l => (long)l).ToArray()), Steps, device);
        var actual = Read(kernels.Run(module, input, rows, kernel));

        double worst = 0;
        for (int row = 0; row < Lengths.Length; row++)
        {
            int offset = row * Steps * kernel.HiddenSize;
            for (int i = offset; i < offset + Lengths[row] * kernel.HiddenSize; i++)
            {
                double difference = Math.Abs(actual[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i]));
                // A NaN from a broken kernel must count as the worst difference, not be skipped by Max.
                worst = double.IsNaN(difference) ? double.PositiveInfinity : Math.Max(worst, difference);
            }
        }

        return worst;
    }

    /// <summary>Fixed values in [-2, 2), zero past each row's length; no libtorch generator is drawn from, so seeded training is unaffected.</summary>
    private static float[] Values(int inputSize)
    {
        var random = new Random(7919);
        var values = new float[Lengths.Length * Steps * inputSize];
        for (int row = 0; row < Lengths.Length; row++)
        {
            for (int i = 0; i < Lengths[row] * inputSize; i++)
                values[row * Steps * inputSize + i] = (float)(random.NextDouble() * 4 - 2);
        }

        return values;
    }

    private static float[] Read(Tensor values)
    {
        using var cpu = values.detach().cpu().contiguous();
        var result = new float[cpu.numel()];
        TensorMemory.CopyFrom<float>(cpu, result);
        return result;
    }
}
