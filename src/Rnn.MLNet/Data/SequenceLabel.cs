using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// The label column as its task's head resolved it (<see cref="TaskHead.ResolveLabel"/>): keys, one per row or one per
/// step (<see cref="KeyType"/>), or <see cref="TargetCount"/> numbers per row.
/// </summary>
internal sealed record SequenceLabel(DataViewSchema.Column Column, TaskHead Head)
{
    /// <summary>The classes' key type; null for numeric targets.</summary>
    public KeyDataViewType? KeyType { get; init; }

    public int ClassCount => (int)(KeyType?.Count ?? 0);

    /// <summary>Numeric targets per row (1 for a <c>Single</c> label); 0 for classes.</summary>
    public int TargetCount { get; init; }

    /// <summary>True for a <c>Single</c> label (a regressor's Score is then a <c>Single</c> too), false for a vector.</summary>
    public bool ScalarTarget { get; init; }

    /// <summary>Outputs per numeric target: 1, or a quantile head's number of quantiles.</summary>
    public int OutputsPerTarget { get; init; } = 1;

    /// <summary>The head's outputs: classes, or numeric targets (× quantiles).</summary>
    public int Outputs => KeyType is null ? TargetCount * OutputsPerTarget : ClassCount;
}
