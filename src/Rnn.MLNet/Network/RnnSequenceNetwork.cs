using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Rnn.MLNet;

/// <summary>
/// Optional token lookup (learned embedding or one-hot), recurrent layers over zero-padded variable-length batches
/// (<see cref="RecurrentLayers"/>: padding never reaches a valid step), then a linear head: for classification on
/// the last valid step (bidirectional: forward state at the last step and backward state at the first) or on the max
/// or mean over valid steps, or on every step for labeling. Returns logits; softmax is applied by scorers.
/// </summary>
internal sealed class RnnSequenceNetwork : Module<Tensor, Tensor, Tensor>
{
    private readonly NetworkShape _shape;
    private readonly RecurrentLayers _recurrent;
    private readonly Embedding? _embedding;
    private readonly Dropout _dropout;
    private readonly Linear _head;
    private readonly Linear? _skip;
    private readonly long[] _skipPositions = [];
    private readonly Linear? _projection;
    private readonly long[] _keptPositions = [];
    private readonly long[] _projectedPositions = [];

    public RnnSequenceNetwork(NetworkShape shape)
        : base(nameof(RnnSequenceNetwork))
    {
        _shape = shape;
        _recurrent = new RecurrentLayers(shape);
        if (shape.UsesTokens && shape.LearnedEmbedding)
            _embedding = Embedding(shape.TokenRows, shape.InputSize);
        _dropout = Dropout(shape.Dropout);
        _head = Linear(shape.Directions * shape.HiddenSize, shape.Classes);
        if (shape.SkipInputs is { Count: > 0 } positions)
        {
            _skip = Linear(positions.Count, shape.Classes);
            _skipPositions = [.. positions.Select(p => (long)p)];
        }

        if (shape.Projection is { } projection)
        {
            _projection = Linear(projection.Width, projection.Size, hasBias: false);
            _keptPositions = [.. projection.KeptPositions(shape.InputSize).Select(p => (long)p)];
            _projectedPositions = [.. projection.Positions.Select(p => (long)p)];
        }

        RegisterComponents();
    }

    public NetworkShape Shape => _shape;

    /// <summary>The recurrent layers, for weight export.</summary>
    public RecurrentLayers Recurrent => _recurrent;

    /// <summary>The learned token table, or null.</summary>
    public Embedding? TokenEmbedding => _embedding;

    /// <summary>The output layer, for weight export.</summary>
    public Linear Head => _head;

    /// <summary>The linear skip from input positions to the outputs, or null.</summary>
    public Linear? Skip => _skip;

    /// <summary>The learned map of <see cref="NetworkShape.Projection"/> (weight [Size, Width]), or null.</summary>
    public Linear? Projection => _projection;

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
        return outputs.add(_skip.call(inputs.reshape(inputs.shape[0], -1).index_select(1, positions)), HeldScalars.One);
    }

    /// <summary>The recurrent layers and the dense head: [batch, classes] logits, or [batch, maxLength, classes] for per-step heads (meaningless past each length).</summary>
    private Tensor RecurrentAndHead(Tensor inputs, Tensor lengths)
    {
        var steps = Lookup(inputs);
        var rows = new RowLengths(lengths, steps.shape[1], steps.device);
        var outputs = _recurrent.Run(steps, rows);
        Tensor features;
        if (_shape.ReadsEveryStep)
            features = outputs;
        else if (_shape.Pooling != RnnPooling.Last)
            features = Pool(outputs, rows);
        else
            features = LastState(outputs, rows);
        return _head.call(_dropout.call(features));
    }

    /// <summary>
    /// [N, D*H] final states from [N, S, D*H] outputs: the forward direction's at each row's last valid step, the
    /// backward direction's at step 0, which it reaches last.
    /// </summary>
    private Tensor LastState(Tensor outputs, RowLengths rows)
    {
        var last = rows.AtLastStep(outputs);
        if (!_shape.Bidirectional)
            return last;
        long hidden = _shape.HiddenSize;
        return cat([last.narrow(1, 0, hidden), outputs.select(1, 0).narrow(1, hidden, hidden)], dim: 1);
    }

    /// <summary>Max or mean over the valid steps of [N, S, D*H] outputs (steps past each row's length are left out).</summary>
    private Tensor Pool(Tensor outputs, RowLengths rows)
    {
        var padding = rows.Padding();
        if (_shape.Pooling == RnnPooling.Max)
            return (padding is null ? outputs : outputs.masked_fill(padding, HeldScalars.NegativeInfinity)).amax([1]);
        if (padding is null)
            return outputs.mean([1]);
        return outputs.masked_fill(padding, HeldScalars.Zero).sum(1) / rows.OnDevice().to(outputs.dtype).unsqueeze(1);
    }

    private Tensor Lookup(Tensor inputs)
    {
        if (_projection is not null)
            return Project(inputs);
        if (!_shape.UsesTokens)
            return inputs;
        if (_embedding is not null)
            return _embedding.call(inputs);
        // One-hot as a lookup: built per batch from the indices, never stored as data.
        return nn.functional.one_hot(inputs, _shape.TokenRows).to(ScalarType.Float32);
    }

    /// <summary>[N, S, F] steps → [N, S, kept + groups × Size]: the kept positions, then each group's projection.</summary>
    private Tensor Project(Tensor inputs)
    {
        var projection = _shape.Projection!;
        using var kept = tensor(_keptPositions, device: inputs.device);
        using var projected = tensor(_projectedPositions, device: inputs.device);
        long rows = inputs.shape[0], steps = inputs.shape[1];
        var groups = inputs.index_select(2, projected).view(rows, steps, projection.Groups, projection.Width);
        var embedded = _projection!.call(groups).reshape(rows, steps, projection.Groups * projection.Size);
        return cat([inputs.index_select(2, kept), embedded], 2);
    }
}
