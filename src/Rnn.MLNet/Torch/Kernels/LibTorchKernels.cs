using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Rnn.MLNet;

/// <summary>libtorch's recurrent modules called as a <see cref="RecurrentKernel"/> asks.</summary>
internal sealed class LibTorchKernels : IRecurrentKernels
{
    public static LibTorchKernels Instance { get; } = new();

    public Tensor Run(Module module, Tensor input, RowLengths rows, RecurrentKernel kernel)
    {
        using var mode = enable_grad(kernel.Gradients);
        if (!kernel.Packed)
            return Recur(module, m => m.call(input), m => m.call(input, null), m => m.call(input, null));

        using var sequence = nn.utils.rnn.pack_padded_sequence(input, rows.Cpu, batch_first: true, enforce_sorted: false);
        var output = Recur(module, m => m.call(sequence), m => m.call(sequence, null), m => m.call(sequence, null));
        using (output)
            return nn.utils.rnn.pad_packed_sequence(output, batch_first: true, total_length: rows.Steps).Item1;
    }

    /// <summary>
    /// Calls a recurrent module and keeps its outputs only. TorchSharp's three modules differ in the LSTM's extra cell
    /// state and in their call overloads, so callers pass one call per module type and this is the only switch.
    /// </summary>
    private static T Recur<T>(Module module, Func<LSTM, (T, Tensor, Tensor)> lstm, Func<GRU, (T, Tensor)> gru, Func<RNN, (T, Tensor)> rnn)
    {
        switch (module)
        {
            case LSTM m:
                var (output, hidden, cell) = lstm(m);
                hidden.Dispose();
                cell.Dispose();
                return output;
            case GRU m:
                var (gruOutput, gruHidden) = gru(m);
                gruHidden.Dispose();
                return gruOutput;
            case RNN m:
                var (rnnOutput, rnnHidden) = rnn(m);
                rnnHidden.Dispose();
                return rnnOutput;
            default:
                throw new InvalidOperationException($"Unexpected recurrent module {module.GetType().Name}.");
        }
    }
}
