using System.Globalization;

namespace Rnn.MLNet;

/// <summary>
/// Per-class weights of the classification loss (<see cref="RnnTrainerOptions.ClassWeights"/>), for imbalanced labels:
/// <see cref="Balanced"/> weighs each class by N / (C × its count) in the training data, so every class counts as much
/// in total; <see cref="FromClassNames"/> takes explicit weights by class name (unnamed classes weigh 1). The loss is the
/// weighted mean, as in PyTorch (Σ wᵢ lossᵢ / Σ wᵢ over the batch's targets).
/// </summary>
public sealed class RnnClassWeights
{
    private readonly IReadOnlyDictionary<string, float>? _named;

    private RnnClassWeights(IReadOnlyDictionary<string, float>? named) => _named = named;

    /// <summary>Weights N / (C × count of the class) from the training labels (per step for labeling); classes absent from the data weigh 1.</summary>
    public static RnnClassWeights Balanced { get; } = new(null);

    /// <summary>Explicit weights by class name (the label's key values as text, as in the model's class names); each must be finite and &gt; 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A weight is not finite or not above 0.</exception>
    public static RnnClassWeights FromClassNames(IReadOnlyDictionary<string, float> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        foreach (var (name, weight) in weights)
        {
            if (!(weight > 0) || !float.IsFinite(weight))
                throw OptionChecks.Bad(nameof(RnnClassWeights), $"{nameof(FromClassNames)}[\"{name}\"]", weight, "a finite weight > 0");
        }

        return new RnnClassWeights(new Dictionary<string, float>(weights, StringComparer.Ordinal));
    }

    /// <summary>One weight per class, in class (score) order.</summary>
    /// <param name="classNames">The model's class names.</param>
    /// <param name="counts">Training targets per class; asked for only by <see cref="Balanced"/>.</param>
    internal float[] Resolve(IReadOnlyList<string> classNames, Func<long[]> counts)
    {
        if (_named is null)
        {
            var n = counts();
            double total = n.Sum();
            return [.. n.Select(count => count == 0 ? 1f : (float)(total / (classNames.Count * (double)count)))];
        }

        var unknown = _named.Keys.Where(name => !classNames.Contains(name)).ToArray();
        if (unknown.Length > 0)
            throw OptionChecks.Bad(nameof(RnnTrainerOptions), nameof(RnnTrainerOptions.ClassWeights), $"weights for {string.Join(", ", unknown.Select(u => $"\"{u}\""))}",
                $"weights for the label's classes only ({string.Join(", ", classNames.Select(c => $"\"{c}\""))})");
        return [.. classNames.Select(name => _named.TryGetValue(name, out float weight) ? weight : 1f)];
    }

    /// <summary>"Balanced", or the named weights; also what a checkpoint's fingerprint records.</summary>
    public override string ToString() => _named is null
        ? "Balanced"
        : string.Join(",", _named.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.ToString("R", CultureInfo.InvariantCulture)}"));
}
