using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Rnn.MLNet.Tests;

/// <summary>
/// libtorch's kernels, except that the ones <see cref="IsFaulty"/> picks return every output shifted by 0.3, as the
/// oneDNN LSTM inference primitive does on AMD Zen 5: the way to exercise the guard on a CPU where nothing is wrong.
/// </summary>
internal sealed class FaultyKernels(Func<RecurrentKernel, bool> isFaulty) : IRecurrentKernels
{
    public const float Shift = 0.3f;

    public Func<RecurrentKernel, bool> IsFaulty { get; } = isFaulty;

    /// <summary>Kernels run, in order.</summary>
    public List<RecurrentKernel> Runs { get; } = [];

    public Tensor Run(Module module, Tensor input, RowLengths rows, RecurrentKernel kernel)
    {
        lock (Runs)
            Runs.Add(kernel);
        var output = LibTorchKernels.Instance.Run(module, input, rows, kernel);
        if (!IsFaulty(kernel))
            return output;
        using (output)
            return output + Shift;
    }

    /// <summary>The inference kernel of a padded LSTM batch with oneDNN on: the one found wrong on Zen 5.</summary>
    public static bool OneDnnLstmInference(RecurrentKernel kernel) =>
        kernel.Cell == RnnCellType.Lstm && !kernel.Gradients && !kernel.Packed && kernel.OneDnn;
}
