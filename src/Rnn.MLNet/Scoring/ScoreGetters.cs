using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>Getters of the Score and PredictedLabel columns over a <see cref="ScoreBuffer"/>, made by the task's head.</summary>
internal static class ScoreGetters
{
    /// <summary>The getter for an output column, or null when <paramref name="column"/> is a pass-through input column.</summary>
    /// <param name="schema">The output schema.</param>
    /// <param name="column">The requested column.</param>
    /// <param name="scores">Scores of the current block.</param>
    /// <param name="currentRow">Index of the current row within the block; may score it first.</param>
    public static ValueGetter<TValue>? For<TValue>(ScoredSchema schema, DataViewSchema.Column column, ScoreBuffer scores, Func<int> currentRow) =>
        schema.IsScoreColumn(column.Index) ? schema.Head.Getter<TValue>(schema, column, scores, currentRow) : null;

    /// <summary><paramref name="getter"/> as the getter type asked for, or an error naming the column's real type.</summary>
    public static ValueGetter<TValue> Typed<TValue, TActual>(DataViewSchema.Column column, ValueGetter<TActual> getter)
    {
        if (getter is ValueGetter<TValue> typed)
            return typed;
        throw new InvalidOperationException($"Column '{column.Name}' holds {typeof(TActual).Name} values; a getter of {typeof(TValue).Name} was asked for.");
    }
}
