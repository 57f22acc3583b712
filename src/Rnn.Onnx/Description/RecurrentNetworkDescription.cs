namespace Rnn.Onnx;

/// <summary>
/// A trained recurrent classifier, sequence labeler or regressor described without reference to the framework that trained
/// it: architecture plus float weights. ONNX export and scoring apps consume this.
/// </summary>
/// <remarks>
/// Immutable: the constructor copies the lists it is given, and the weight objects copy their arrays, so no later
/// edit by the caller can make an exported file differ from a scorer built from the same description.
/// </remarks>
public sealed class RecurrentNetworkDescription
{
    /// <summary>Creates a description (copying <paramref name="layers"/> and <paramref name="classNames"/>) and checks that every weight block has the size the architecture implies.</summary>
    /// <param name="cell">Cell kind of every layer.</param>
    /// <param name="inputSize">Features per time step fed to the first layer.</param>
    /// <param name="hiddenSize">Hidden units per direction.</param>
    /// <param name="bidirectional">Whether each layer also runs backwards.</param>
    /// <param name="layers">Per layer, the forward direction's weights then (if bidirectional) the backward one's.</param>
    /// <param name="head">
    /// The output layer: applied to the final hidden state (forward, then backward) or to the max or mean of every valid step's
    /// output (<paramref name="pooling"/>), or to every step's output (<paramref name="perStep"/>).
    /// </param>
    /// <param name="classNames">Names of the output classes, in score order.</param>
    /// <param name="tokens">Token lookup before the first layer, or null when the input is float steps.</param>
    /// <param name="perStep">True for sequence labeling: the head scores every step's output, not only the final state.</param>
    /// <param name="pooling">What a per-sequence head reads: the final state, or the max or mean over valid steps. Must be Last when <paramref name="perStep"/>.</param>
    /// <param name="regression">
    /// For a regressor: its targets and their scaling (the head then predicts numbers, not classes; <paramref name="classNames"/>
    /// must be empty and <paramref name="perStep"/> false). Null for a classifier.
    /// </param>
    /// <param name="inputSkip">A regressor's linear path from input values to its outputs (see <see cref="LinearSkip"/>), or null.</param>
    public RecurrentNetworkDescription(
        RnnCellType cell,
        int inputSize,
        int hiddenSize,
        bool bidirectional,
        IReadOnlyList<IReadOnlyList<RecurrentDirectionWeights>> layers,
        DenseLayerWeights head,
        IReadOnlyList<string> classNames,
        TokenLookup? tokens = null,
        bool perStep = false,
        RnnPooling pooling = RnnPooling.Last,
        RegressionTargets? regression = null,
        LinearSkip? inputSkip = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(classNames);
        if (layers.Count == 0)
            throw new ArgumentException("A recurrent network needs at least one layer.", nameof(layers));

        Cell = cell;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Bidirectional = bidirectional;
        Layers = CopyLayers(layers);
        Head = head;
        ClassNames = CopyNames(classNames);
        Tokens = tokens;
        PerStep = perStep;
        Pooling = pooling;
        Regression = regression;
        InputSkip = inputSkip;
        Validate();
    }

    /// <summary>Cell kind of every layer.</summary>
    public RnnCellType Cell { get; }

    /// <summary>Features per time step fed to the first layer.</summary>
    public int InputSize { get; }

    /// <summary>Hidden units per direction.</summary>
    public int HiddenSize { get; }

    /// <summary>Whether each layer also runs backwards.</summary>
    public bool Bidirectional { get; }

    /// <summary>Number of directions per layer (1 or 2).</summary>
    public int Directions => Bidirectional ? 2 : 1;

    /// <summary>Number of stacked layers.</summary>
    public int NumLayers => Layers.Count;

    /// <summary>Per layer, the forward direction's weights then (if bidirectional) the backward one's.</summary>
    public IReadOnlyList<IReadOnlyList<RecurrentDirectionWeights>> Layers { get; }

    /// <summary>
    /// The output layer. Its input is the last layer's final hidden state (forward, then backward), or the max or mean of every
    /// valid step's output (<see cref="Pooling"/>), or, for a sequence labeler, each step's output.
    /// </summary>
    public DenseLayerWeights Head { get; }

    /// <summary>Names of the output classes, in score order; empty for a regressor.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>A regressor's targets and their scaling, or null for a classifier.</summary>
    public RegressionTargets? Regression { get; }

    /// <summary>A regressor's linear path from input values straight to its outputs, or null.</summary>
    public LinearSkip? InputSkip { get; }

    /// <summary>True when the head predicts numeric targets (<see cref="Regression"/>) rather than class probabilities.</summary>
    public bool IsRegression => Regression is not null;

    /// <summary>Token lookup before the first layer, or null when the input is float steps.</summary>
    public TokenLookup? Tokens { get; }

    /// <summary>
    /// True for sequence labeling: the head is applied to every step's output (forward and backward features of that
    /// step); false for one prediction per sequence (from the final state or the pooled steps).
    /// </summary>
    public bool PerStep { get; }

    /// <summary>What the head of a per-sequence model reads (<see cref="RnnPooling.Last"/> for per-step models).</summary>
    public RnnPooling Pooling { get; }

    private void Validate()
    {
        if (!Enum.IsDefined(Pooling))
            throw new ArgumentException($"Pooling {Pooling} is not one of Last, Max, Mean.");
        if (PerStep && Pooling != RnnPooling.Last)
            throw new ArgumentException($"Pooling {Pooling} applies to per-sequence classifiers; a per-step head reads every step's own output (use Last).");
        // TokenLookup checks its own table size; only its width depends on this network.
        if (Tokens is { } tokens && tokens.Width != InputSize)
            throw new ArgumentException($"The token lookup gives {tokens.Width} values per step; the first layer takes InputSize = {InputSize}.");

        int gates = Cell.GateCount();
        int rows = gates * HiddenSize;
        for (int layer = 0; layer < Layers.Count; layer++)
        {
            int width = layer == 0 ? InputSize : Directions * HiddenSize;
            if (Layers[layer].Count != Directions)
                throw new ArgumentException($"Layer {layer} has {Layers[layer].Count} direction(s); expected {Directions}.");
            foreach (var w in Layers[layer])
            {
                Expect(w.InputWeights, rows * width, $"layer {layer} input weights [{rows}x{width}]");
                Expect(w.RecurrentWeights, rows * HiddenSize, $"layer {layer} recurrent weights [{rows}x{HiddenSize}]");
                Expect(w.InputBias, rows, $"layer {layer} input bias [{rows}]");
                Expect(w.RecurrentBias, rows, $"layer {layer} recurrent bias [{rows}]");
            }
        }

        if (Head.Inputs != Directions * HiddenSize)
            throw new ArgumentException($"Head takes {Head.Inputs} inputs; expected {Directions * HiddenSize} (directions × hidden size).");
        Expect(Head.Weights, Head.Outputs * Head.Inputs, $"head weights [{Head.Outputs}x{Head.Inputs}]");
        Expect(Head.Bias, Head.Outputs, $"head bias [{Head.Outputs}]");
        if (Regression is { } targets)
        {
            if (ClassNames.Count != 0)
                throw new ArgumentException($"A regressor has no classes; {ClassNames.Count} class names were given (pass an empty list).");
            if (PerStep)
                throw new ArgumentException("A regressor predicts per sequence; per-step regression heads are not supported.");
            if (targets.Count != Head.Outputs)
                throw new ArgumentException($"{targets.Count} regression targets for a head with {Head.Outputs} outputs.");
        }
        else if (ClassNames.Count != Head.Outputs)
            throw new ArgumentException($"{ClassNames.Count} class names for a head with {Head.Outputs} outputs.");
        if (InputSkip is { } skip)
        {
            if (Regression is null || Tokens is not null)
                throw new ArgumentException("A linear input skip is for regressors over float steps.");
            if (skip.Weights.Outputs != Head.Outputs)
                throw new ArgumentException($"The input skip has {skip.Weights.Outputs} outputs; the head has {Head.Outputs}.");
        }
    }

    private static void Expect(ReadOnlyMemory<float> values, int length, string what)
    {
        if (values.Length != length)
            throw new ArgumentException($"The {what} has {values.Length} values; expected {length}.");
    }

    private static IReadOnlyList<IReadOnlyList<RecurrentDirectionWeights>> CopyLayers(IReadOnlyList<IReadOnlyList<RecurrentDirectionWeights>> layers)
    {
        var copy = new IReadOnlyList<RecurrentDirectionWeights>[layers.Count];
        for (int layer = 0; layer < copy.Length; layer++)
        {
            var directions = layers[layer]?.ToArray() ?? throw new ArgumentException($"Layer {layer} is null; expected its directions' weights.", nameof(layers));
            int missing = Array.IndexOf(directions, null);
            if (missing >= 0)
                throw new ArgumentException($"Layer {layer} direction {missing} is null; expected its weights.", nameof(layers));
            copy[layer] = Array.AsReadOnly(directions);
        }

        return Array.AsReadOnly(copy);
    }

    private static IReadOnlyList<string> CopyNames(IReadOnlyList<string> classNames)
    {
        var copy = classNames.ToArray();
        int missing = Array.IndexOf(copy, null);
        if (missing >= 0)
            throw new ArgumentException($"Class name {missing} is null; expected a name.", nameof(classNames));
        return Array.AsReadOnly(copy);
    }
}
