using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Rnn.MLNet;

/// <summary>Runs a single-layer, one-direction recurrent module through a chosen <see cref="RecurrentKernel"/>.</summary>
internal interface IRecurrentKernels
{
    /// <summary>
    /// [N, S, H] outputs of <paramref name="module"/> over [N, S, input] zero-padded <paramref name="input"/>, with
    /// autograd recording as <paramref name="kernel"/> says and packed sequences when it says so (zeros past each length).
    /// The oneDNN state is the process's; the caller has set it.
    /// </summary>
    Tensor Run(Module module, Tensor input, RowLengths rows, RecurrentKernel kernel);
}
