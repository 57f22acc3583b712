namespace Rnn.Onnx;

/// <summary>
/// What a regression head predicts: the names of its numeric targets and the standardisation the network was trained
/// in. The head outputs standardised values z; a target's value is <c>z × Scales[i] + Means[i]</c>, which the exported
/// graph applies, so every consumer of an exported regressor gets values in the targets' own units.
/// Immutable: the constructor copies its arguments.
/// </summary>
public sealed class RegressionTargets
{
    /// <summary>Copies and checks the targets.</summary>
    /// <param name="names">One name per target (e.g. the label column's name, or "h1".."h14" for a forecast horizon).</param>
    /// <param name="means">Per target, the mean the training targets were centred on.</param>
    /// <param name="scales">Per target, the standard deviation they were divided by; finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">No targets, lengths differ, a name is null, or a mean or scale is not finite (or a scale ≤ 0).</exception>
    public RegressionTargets(IReadOnlyList<string> names, ReadOnlySpan<float> means, ReadOnlySpan<float> scales)
    {
        ArgumentNullException.ThrowIfNull(names);
        var copy = names.ToArray();
        if (copy.Length == 0)
            throw new ArgumentException("A regressor needs at least one target.", nameof(names));
        int missing = Array.IndexOf(copy, null);
        if (missing >= 0)
            throw new ArgumentException($"Target name {missing} is null; expected a name.", nameof(names));
        if (means.Length != copy.Length || scales.Length != copy.Length)
            throw new ArgumentException($"{copy.Length} target names but {means.Length} means and {scales.Length} scales; expected one of each per target.");
        for (int i = 0; i < copy.Length; i++)
        {
            if (!float.IsFinite(means[i]))
                throw new ArgumentException($"The mean of target '{copy[i]}' is {means[i]}; expected a finite number.", nameof(means));
            if (!float.IsFinite(scales[i]) || scales[i] <= 0)
                throw new ArgumentException($"The scale of target '{copy[i]}' is {scales[i]}; expected a finite number > 0.", nameof(scales));
        }

        Names = Array.AsReadOnly(copy);
        Means = means.ToArray();
        Scales = scales.ToArray();
    }

    /// <summary>Target names, in output order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of targets (outputs of the head).</summary>
    public int Count => Names.Count;

    /// <summary>Per target, the mean added back to the head's standardised output.</summary>
    public ReadOnlyMemory<float> Means { get; }

    /// <summary>Per target, the standard deviation the head's standardised output is multiplied by.</summary>
    public ReadOnlyMemory<float> Scales { get; }
}
