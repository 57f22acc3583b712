using TorchSharp;

namespace Rnn.MLNet;

/// <summary>
/// One libtorch code path for one single-layer, one-direction recurrent module: what decides which native kernel runs
/// (cell, sizes, device, padded or packed input, gradient mode, oneDNN on or off), and so what the guard checks once.
/// </summary>
/// <param name="Device">Where the module runs.</param>
/// <param name="Cell">Its cell.</param>
/// <param name="InputSize">Features per step it reads.</param>
/// <param name="HiddenSize">Its hidden units.</param>
/// <param name="Gradients">Whether autograd is recording (libtorch picks oneDNN's training or inference primitive by it).</param>
/// <param name="Packed">Packed sequences (libtorch's own kernels) rather than a padded batch.</param>
/// <param name="OneDnn">Whether libtorch may use oneDNN (<c>at::Context::userEnabledMkldnn</c>).</param>
internal readonly record struct RecurrentKernel(
    DeviceType Device, RnnCellType Cell, int InputSize, int HiddenSize, bool Gradients, bool Packed, bool OneDnn)
{
    /// <summary>This kernel with autograd recording.</summary>
    public RecurrentKernel WithGradients() => this with { Gradients = true };

    /// <summary>This kernel over packed sequences.</summary>
    public RecurrentKernel AsPacked() => this with { Packed = true };

    /// <summary>This kernel with oneDNN switched off.</summary>
    public RecurrentKernel WithoutOneDnn() => this with { OneDnn = false };

    public override string ToString() =>
        $"{Cell.ToString().ToUpperInvariant()} {InputSize}→{HiddenSize} on {Device}, {(Packed ? "packed sequences" : "padded batch")}, " +
        $"{(Gradients ? "with" : "without")} gradients, oneDNN {(OneDnn ? "on" : "off")}";
}
