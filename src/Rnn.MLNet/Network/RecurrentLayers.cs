using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Rnn.MLNet;

/// <summary>
/// Stacked recurrent layers kept as one single-layer, forward-only libtorch module per layer and direction, so that
/// each direction runs libtorch's padded kernel (much faster than its packed one; docs/PERFORMANCE.md) and still never
/// reads padding: a forward direction's outputs before a row's length depend only on earlier steps, and the backward
/// direction runs forwards over each row reversed within its own length, then its outputs are reversed back.
/// Bidirectional layers therefore run layer by layer, each feeding [forward, backward] features to the next.
/// </summary>
/// <remarks>
/// Each module's parameters keep libtorch's single-layer names (<c>weight_ih_l0</c>, <c>weight_hh_l0</c>,
/// <c>bias_ih_l0</c>, <c>bias_hh_l0</c>); <see cref="Direction"/> hands them to <see cref="NetworkWeights"/>. The
/// modules are created layer by layer, forward before backward, which is the order a stacked bidirectional libtorch
/// module initialises its weights in.
/// </remarks>
internal sealed class RecurrentLayers : Module
{
    /// <summary>
    /// Below this share of real steps in a batch, packed sequences beat the padded kernel (docs/PERFORMANCE.md,
    /// "Measurements behind the defaults"); training batches grouped by length stay far above it.
    /// </summary>
    public const double PackedBelowFill = 0.1;

    private readonly Module[][] _directions;
    private readonly double _dropout;
    private readonly RnnCellType _cell;
    private readonly int _hidden;
    private readonly HashSet<RecurrentKernel> _noticed = [];
    private RecurrentKernelGuard? _guard;

    public RecurrentLayers(NetworkShape shape)
        : base(nameof(RecurrentLayers))
    {
        _dropout = shape.NumLayers > 1 ? shape.Dropout : 0.0;
        _cell = shape.Cell;
        _hidden = shape.HiddenSize;
        _directions = new Module[shape.NumLayers][];
        for (int layer = 0; layer < shape.NumLayers; layer++)
        {
            int input = layer == 0 ? shape.RecurrentInputSize : shape.Directions * shape.HiddenSize;
            _directions[layer] = new Module[shape.Directions];
            for (int direction = 0; direction < shape.Directions; direction++)
            {
                var module = Create(shape.Cell, input, shape.HiddenSize);
                register_module($"l{layer}{(direction == 0 ? "" : "_reverse")}", module);
                _directions[layer][direction] = module;
            }
        }
    }

    /// <summary>Checks each kernel before its first use and routes around a wrong one (the process's guard unless a test sets its own).</summary>
    public RecurrentKernelGuard Guard
    {
        get => _guard ??= RecurrentKernelGuard.Shared;
        set => _guard = value;
    }

    /// <summary>Where a rerouted kernel is reported, once per kernel for this network (the trainer's ML.NET log); null drops the lines.</summary>
    public Action<string>? KernelNotice { get; set; }

    /// <summary>The single-layer module of <paramref name="layer"/>'s forward (0) or backward (1) direction.</summary>
    public Module Direction(int layer, int direction) => _directions[layer][direction];

    /// <summary>[N, S, directions × H] outputs of the last layer; exact for steps before each row's length, meaningless past it.</summary>
    /// <param name="steps">[N, S, input] zero-padded steps.</param>
    /// <param name="rows">Their lengths.</param>
    public Tensor Run(Tensor steps, RowLengths rows)
    {
        bool packed = !rows.AllFull && rows.Fill < PackedBelowFill;
        var x = steps;
        for (int layer = 0; layer < _directions.Length; layer++)
        {
            var directions = _directions[layer];
            var output = RunDirection(directions[0], x, rows, packed);
            if (directions.Length == 2)
            {
                var backward = rows.ReverseWithin(RunDirection(directions[1], rows.ReverseWithin(x), rows, packed));
                output = cat([output, backward], dim: 2);
            }

            if (layer < _directions.Length - 1 && _dropout > 0)
                output = nn.functional.dropout(output, _dropout, training);
            x = output;
        }

        return x;
    }

    private static Module Create(RnnCellType cell, int input, int hidden) => cell switch
    {
        RnnCellType.Lstm => LSTM(input, hidden, numLayers: 1, batchFirst: true),
        RnnCellType.Gru => GRU(input, hidden, numLayers: 1, batchFirst: true),
        RnnCellType.Relu => RNN(input, hidden, numLayers: 1, NonLinearities.ReLU, batchFirst: true),
        _ => RNN(input, hidden, numLayers: 1, NonLinearities.Tanh, batchFirst: true),
    };

    /// <summary>One forward pass over [N, S, input] through the guard; packed sequences give zeros past each length instead of padding's own outputs.</summary>
    private Tensor RunDirection(Module module, Tensor input, RowLengths rows, bool packed)
    {
        var output = Guard.Run(module, _cell, _hidden, input, rows, packed, out var decision);
        if (decision.Notice is { } notice && KernelNotice is { } log)
        {
            lock (_noticed)
            {
                if (!_noticed.Add(decision.Requested))
                    return output;
            }

            log(notice);
        }

        return output;
    }
}
