using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Rnn.MLNet;

/// <summary>
/// Recurrent layers over packed variable-length sequences, then a linear head on the last valid step
/// (for bidirectional layers: the forward state at the last step and the backward state at the first).
/// Returns logits; softmax is applied by the scorer.
/// </summary>
internal sealed class RnnClassifierNetwork : Module<Tensor, Tensor, Tensor>
{
    private readonly RnnCellType _cell;
    private readonly bool _bidirectional;
    private readonly Module _recurrent;
    private readonly Dropout _dropout;
    private readonly Linear _head;

    public RnnClassifierNetwork(RnnCellType cell, int inputSize, int hiddenSize, int numLayers, bool bidirectional, float dropout, int classes)
        : base(nameof(RnnClassifierNetwork))
    {
        _cell = cell;
        _bidirectional = bidirectional;
        double between = numLayers > 1 ? dropout : 0.0;
        _recurrent = cell switch
        {
            RnnCellType.Lstm => LSTM(inputSize, hiddenSize, numLayers, batchFirst: true, dropout: between, bidirectional: bidirectional),
            RnnCellType.Gru => GRU(inputSize, hiddenSize, numLayers, batchFirst: true, dropout: between, bidirectional: bidirectional),
            RnnCellType.Relu => RNN(inputSize, hiddenSize, numLayers, NonLinearities.ReLU, batchFirst: true, dropout: between, bidirectional: bidirectional),
            _ => RNN(inputSize, hiddenSize, numLayers, NonLinearities.Tanh, batchFirst: true, dropout: between, bidirectional: bidirectional),
        };
        _dropout = Dropout(dropout);
        _head = Linear((bidirectional ? 2 : 1) * hiddenSize, classes);
        RegisterComponents();
    }

    /// <summary>The recurrent layers, for weight export.</summary>
    public Module Recurrent => _recurrent;

    /// <summary>The output layer, for weight export.</summary>
    public Linear Head => _head;

    /// <param name="inputs">[batch, steps, inputSize], zero-padded past each row's length.</param>
    /// <param name="lengths">[batch] int64 on the CPU, each ≥ 1.</param>
    public override Tensor forward(Tensor inputs, Tensor lengths)
    {
        using var packed = nn.utils.rnn.pack_padded_sequence(inputs, lengths, batch_first: true, enforce_sorted: false);
        // The final hidden state of packed input is each sequence's state at its own last valid step,
        // returned in the caller's row order.
        var finalHidden = FinalHidden(packed);
        var features = _bidirectional
            ? cat([finalHidden[-2], finalHidden[-1]], dim: 1)
            : finalHidden[-1];
        return _head.call(_dropout.call(features));
    }

    private Tensor FinalHidden(nn.utils.rnn.PackedSequence packed)
    {
        switch (_recurrent)
        {
            case LSTM lstm:
                {
                    var (output, hidden, cell) = lstm.call(packed);
                    output.Dispose();
                    cell.Dispose();
                    return hidden;
                }
            case GRU gru:
                {
                    var (output, hidden) = gru.call(packed, null);
                    output.Dispose();
                    return hidden;
                }
            case RNN rnn:
                {
                    var (output, hidden) = rnn.call(packed, null);
                    output.Dispose();
                    return hidden;
                }
            default:
                throw new InvalidOperationException($"Unexpected recurrent module {_recurrent.GetType().Name} for cell {_cell}.");
        }
    }
}
