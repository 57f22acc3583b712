using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Rnn.MLNet;

/// <summary>
/// Optional token lookup (learned embedding or one-hot), recurrent layers over packed variable-length sequences,
/// then a linear head: for classification on the last valid step (bidirectional: forward state at the last step
/// and backward state at the first) or on the max or mean over valid steps, or on every step for labeling.
/// Returns logits; softmax is applied by scorers.
/// </summary>
internal sealed class RnnSequenceNetwork : Module<Tensor, Tensor, Tensor>
{
    private readonly NetworkShape _shape;
    private readonly Module _recurrent;
    private readonly Embedding? _embedding;
    private readonly Dropout _dropout;
    private readonly Linear _head;
    private readonly Linear? _skip;
    private readonly long[] _skipPositions = [];

    public RnnSequenceNetwork(NetworkShape shape)
        : base(nameof(RnnSequenceNetwork))
    {
        _shape = shape;
        double between = shape.NumLayers > 1 ? shape.Dropout : 0.0;
        int input = shape.InputSize;
        _recurrent = shape.Cell switch
        {
            RnnCellType.Lstm => LSTM(input, shape.HiddenSize, shape.NumLayers, batchFirst: true, dropout: between, bidirectional: shape.Bidirectional),
            RnnCellType.Gru => GRU(input, shape.HiddenSize, shape.NumLayers, batchFirst: true, dropout: between, bidirectional: shape.Bidirectional),
            RnnCellType.Relu => RNN(input, shape.HiddenSize, shape.NumLayers, NonLinearities.ReLU, batchFirst: true, dropout: between, bidirectional: shape.Bidirectional),
            _ => RNN(input, shape.HiddenSize, shape.NumLayers, NonLinearities.Tanh, batchFirst: true, dropout: between, bidirectional: shape.Bidirectional),
        };
        if (shape.UsesTokens && shape.LearnedEmbedding)
            _embedding = Embedding(shape.TokenRows, shape.InputSize);
        _dropout = Dropout(shape.Dropout);
        _head = Linear(shape.Directions * shape.HiddenSize, shape.Classes);
        if (shape.SkipInputs is { Count: > 0 } positions)
        {
            _skip = Linear(positions.Count, shape.Classes);
            _skipPositions = [.. positions.Select(p => (long)p)];
        }

        RegisterComponents();
    }

    public NetworkShape Shape => _shape;

    /// <summary>The recurrent layers, for weight export.</summary>
    public Module Recurrent => _recurrent;

    /// <summary>The learned token table, or null.</summary>
    public Embedding? TokenEmbedding => _embedding;

    /// <summary>The output layer, for weight export.</summary>
    public Linear Head => _head;

    /// <summary>The linear skip from input positions to the outputs, or null.</summary>
    public Linear? Skip => _skip;

    /// <param name="inputs">[batch, steps, inputSize] float steps, or [batch, steps] int64 token indices; padded past each row's length.</param>
    /// <param name="lengths">[batch] int64 on the CPU, each ≥ 1.</param>
    /// <returns>[batch, classes] outputs, or [batch, maxLength, classes] for per-step heads; plus the linear skip when there is one.</returns>
    public override Tensor forward(Tensor inputs, Tensor lengths)
    {
        var outputs = RecurrentAndHead(inputs, lengths);
        if (_skip is null)
            return outputs;
        // Rows of one fixed length (the trainer checks), so each row's flattened input holds the positions the skip reads.
        using var positions = tensor(_skipPositions, device: inputs.device);
        return outputs + _skip.call(inputs.reshape(inputs.shape[0], -1).index_select(1, positions));
    }

    /// <summary>The recurrent layers and the dense head: [batch, classes] logits, or [batch, maxLength, classes] for per-step heads (meaningless past each length).</summary>
    private Tensor RecurrentAndHead(Tensor inputs, Tensor lengths)
    {
        var steps = Lookup(inputs);
        if (lengths.eq(inputs.shape[1]).all().item<bool>())
        {
            // Every row uses all steps (fixed-length data such as image rows): libtorch's padded path is the same math
            // as the packed one but skips the per-step batch-size bookkeeping, which costs measurably in training.
            var (output, hidden) = RunPadded(steps);
            using (output)
                return ApplyHead(output, hidden, lengths: null);
        }

        using var packed = nn.utils.rnn.pack_padded_sequence(steps, lengths, batch_first: true, enforce_sorted: false);
        // The final hidden state of packed input is each sequence's state at its own last valid step, in the
        // caller's row order; per-step and pooled heads read the outputs instead, padded with zeros past each length.
        var (packedOutput, finalHidden) = RunPacked(packed);
        using (packedOutput)
        {
            if (!_shape.PerStep && _shape.Pooling == RnnPooling.Last)
                return ApplyHead(outputs: null, finalHidden, lengths);
            var (padded, _) = nn.utils.rnn.pad_packed_sequence(packedOutput, batch_first: true);
            return ApplyHead(padded, finalHidden, lengths);
        }
    }

    /// <summary>The dense head over every step's output (labeling), their max or mean, or the final state.</summary>
    /// <param name="outputs">[N, S, D*H] outputs of the last layer; only null for a last-state head.</param>
    /// <param name="hidden">Final hidden states [layers*directions, N, H].</param>
    /// <param name="lengths">Row lengths, or null when every row uses all S steps.</param>
    private Tensor ApplyHead(Tensor? outputs, Tensor hidden, Tensor? lengths)
    {
        Tensor features;
        if (_shape.PerStep)
            features = outputs!;
        else if (_shape.Pooling != RnnPooling.Last)
            features = Pool(outputs!, lengths);
        else
            return _head.call(_dropout.call(LastState(hidden)));

        hidden.Dispose();
        return _head.call(_dropout.call(features));
    }

    // h_n is [layers*directions, N, H]; the head reads the last layer's forward then backward state.
    private Tensor LastState(Tensor hidden) => _shape.Bidirectional ? cat([hidden[-2], hidden[-1]], dim: 1) : hidden[-1];

    /// <summary>Max or mean over the steps of [N, S, D*H] outputs; with <paramref name="lengths"/>, steps past each row's length are left out.</summary>
    private Tensor Pool(Tensor outputs, Tensor? lengths)
    {
        if (lengths is null)
            return _shape.Pooling == RnnPooling.Max ? outputs.amax([1]) : outputs.mean([1]);
        using var counts = lengths.to(outputs.device);
        if (_shape.Pooling == RnnPooling.Mean)
            // pad_packed_sequence pads with zeros, so the sum covers valid steps only.
            return outputs.sum(1) / counts.to(outputs.dtype).unsqueeze(1);
        using var steps = arange(outputs.shape[1], device: outputs.device).unsqueeze(0);
        using var padding = steps.ge(counts.unsqueeze(1)).unsqueeze(2);
        return outputs.masked_fill(padding, float.NegativeInfinity).amax([1]);
    }

    private Tensor Lookup(Tensor inputs)
    {
        if (!_shape.UsesTokens)
            return inputs;
        if (_embedding is not null)
            return _embedding.call(inputs);
        // One-hot as a lookup: built per batch from the indices, never stored as data.
        return nn.functional.one_hot(inputs, _shape.TokenRows).to(ScalarType.Float32);
    }

    /// <summary>Runs the recurrent layers; returns their outputs and the final hidden states [layers*directions, N, H].</summary>
    /// <remarks>
    /// TorchSharp's three modules differ only in the LSTM's extra cell state and in their call overloads (padded
    /// tensors or packed sequences), so callers pass the one call per module type and this is the only switch.
    /// </remarks>
    private (T Output, Tensor Hidden) Recur<T>(
        Func<LSTM, (T, Tensor, Tensor)> lstm, Func<GRU, (T, Tensor)> gru, Func<RNN, (T, Tensor)> rnn)
    {
        switch (_recurrent)
        {
            case LSTM module:
                var (output, hidden, cell) = lstm(module);
                cell.Dispose();
                return (output, hidden);
            case GRU module:
                return gru(module);
            case RNN module:
                return rnn(module);
            default:
                throw new InvalidOperationException($"Unexpected recurrent module {_recurrent.GetType().Name}.");
        }
    }

    private (Tensor Output, Tensor Hidden) RunPadded(Tensor steps) =>
        Recur(m => m.call(steps), m => m.call(steps, null), m => m.call(steps, null));

    private (nn.utils.rnn.PackedSequence Output, Tensor Hidden) RunPacked(nn.utils.rnn.PackedSequence packed) =>
        Recur(m => m.call(packed), m => m.call(packed, null), m => m.call(packed, null));
}
