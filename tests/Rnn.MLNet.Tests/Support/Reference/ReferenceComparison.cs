using System.Globalization;

namespace Rnn.MLNet.Tests;

/// <summary>
/// How far each scoring side lies from the double-precision reference (<see cref="Rnn.Tests.Reference.ReferenceNetwork"/>), so that a parity
/// test that fails says which side is wrong and by how much, not only that two native libraries disagree.
/// </summary>
/// <remarks>
/// A distance is the largest |side − reference| over the entries that carry a prediction, each divided by a scale the test
/// chooses (1 for probabilities, a target's spread for a regressor). A NaN or infinite value on any side counts as an
/// infinite distance, and so does a non-finite reference value, so a broken reference cannot let a side pass.
/// </remarks>
internal sealed class ReferenceComparison
{
    /// <summary>TorchSharp scoring under <c>torch.no_grad()</c>: libtorch's inference kernels (oneDNN's for the LSTM).</summary>
    public const string TorchNoGrad = "TorchSharp (no_grad)";

    /// <summary>TorchSharp scoring with gradients enabled: libtorch's training kernels.</summary>
    public const string TorchWithGradients = "TorchSharp (with gradients)";

    /// <summary>ONNX Runtime on the exported graph.</summary>
    public const string OnnxRuntime = "ONNX Runtime";

    private static readonly Dictionary<string, double> WorstSoFar = [];

    private readonly double[] _reference;
    private readonly int[] _indices;
    private readonly Func<int, double> _scale;
    private readonly List<(string Side, double Distance)> _sides = [];

    /// <param name="reference">The reference values.</param>
    /// <param name="indices">The indices of <paramref name="reference"/> (and of every side's values) that carry a prediction.</param>
    /// <param name="scale">Divides the difference at an index (1 when null).</param>
    public ReferenceComparison(double[] reference, IEnumerable<int> indices, Func<int, double>? scale = null)
    {
        _reference = reference;
        _indices = [.. indices];
        _scale = scale ?? (_ => 1.0);
        if (_indices.Length == 0)
            throw new ArgumentException("Nothing to compare: no index carries a prediction.", nameof(indices));
    }

    /// <summary>Compares over <see cref="ReferenceScores.ValidIndices"/>, each difference divided by <paramref name="scale"/> of the index.</summary>
    public ReferenceComparison(ReferenceScores reference, Func<int, double>? scale = null)
        : this(reference.Values, reference.ValidIndices(), scale)
    {
    }

    /// <summary>The sides compared so far and their distances from the reference, in the order they were added.</summary>
    public IReadOnlyList<(string Side, double Distance)> Sides => _sides;

    /// <summary>Records <paramref name="side"/>'s distance from the reference and returns it.</summary>
    public double Add(string side, ReadOnlySpan<float> values)
    {
        if (values.Length < _reference.Length)
            throw new ArgumentException($"{side} gave {values.Length} values; the reference has {_reference.Length}.", nameof(values));
        double worst = 0;
        foreach (int i in _indices)
        {
            double distance = Math.Abs(values[i] - _reference[i]) / _scale(i);
            worst = double.IsFinite(distance) ? Math.Max(worst, distance) : double.PositiveInfinity;
        }

        _sides.Add((side, worst));
        return worst;
    }

    /// <summary>
    /// Names the sides farther than <paramref name="tolerance"/> from the reference first, with their distances, then the
    /// others: "TorchSharp (no_grad) differs from the double-precision reference by 1.2e-1; TorchSharp (with gradients) 3e-7".
    /// </summary>
    public string Describe(double tolerance)
    {
        var far = _sides.Where(s => !(s.Distance <= tolerance)).ToList();
        var near = _sides.Where(s => s.Distance <= tolerance).Select(s => $"{s.Side} {Format(s.Distance)}");
        string within = string.Join("; ", near);
        if (far.Count == 0)
            return $"every side is within {Format(tolerance)} of the double-precision reference: {within}";
        string names = string.Join(" and ", far.Select(s => s.Side));
        string distances = string.Join(" and ", far.Select(s => Format(s.Distance)));
        string verb = far.Count == 1 ? "differs" : "differ";
        return $"{names} {verb} from the double-precision reference by {distances} (tolerance {Format(tolerance)})"
            + (within.Length > 0 ? $"; {within}" : "");
    }

    /// <summary>Fails naming every side farther than <paramref name="tolerance"/> from the reference.</summary>
    public void AssertWithin(double tolerance, string what)
    {
        if (_sides.Count == 0)
            throw new InvalidOperationException("No side was compared with the reference.");
        Assert.IsTrue(_sides.All(s => s.Distance <= tolerance), $"{what}: {Describe(tolerance)}");
    }

    /// <summary>
    /// One log line with every side's distance and the worst each side has shown so far in <paramref name="suite"/> (in
    /// this process), for the test output.
    /// </summary>
    public string LogLine(string suite, string what)
    {
        string ThisAndWorst(string side, double distance)
        {
            lock (WorstSoFar)
            {
                string key = $"{suite}/{side}";
                WorstSoFar[key] = Math.Max(WorstSoFar.GetValueOrDefault(key), distance);
                return $"{side} {Format(distance)} (worst so far {Format(WorstSoFar[key])})";
            }
        }

        return $"{what}: vs double-precision reference: {string.Join(", ", _sides.Select(s => ThisAndWorst(s.Side, s.Distance)))}";
    }

    private static string Format(double value) => value.ToString("0.0#e+0", CultureInfo.InvariantCulture);
}
