using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>Getters of the Score and PredictedLabel columns over a <see cref="ScoreBuffer"/>, typed for the task.</summary>
internal static class ScoreGetters
{
    /// <summary>The getter for an output column, or null when <paramref name="column"/> is a pass-through input column.</summary>
    /// <param name="schema">The output schema.</param>
    /// <param name="column">The requested column.</param>
    /// <param name="scores">Scores of the current block.</param>
    /// <param name="currentRow">Index of the current row within the block; may score it first.</param>
    public static ValueGetter<TValue>? For<TValue>(ScoredSchema schema, DataViewSchema.Column column, ScoreBuffer scores, Func<int> currentRow)
    {
        if (column.Index == schema.ScoreIndex && schema.ScalarScore)
            return Typed<TValue, float>(column, (ref float value) => value = scores.Value(currentRow()));
        if (column.Index == schema.ScoreIndex)
            return Typed<TValue, VBuffer<float>>(column, (ref VBuffer<float> value) => scores.CopyScores(currentRow(), ref value));
        if (column.Index != schema.PredictedLabelIndex)
            return null;
        if (schema.PerStep)
            return Typed<TValue, VBuffer<uint>>(column, (ref VBuffer<uint> value) => scores.PredictedKeys(currentRow(), ref value));
        return Typed<TValue, uint>(column, (ref uint value) => value = scores.PredictedKey(currentRow()));
    }

    private static ValueGetter<TValue> Typed<TValue, TActual>(DataViewSchema.Column column, ValueGetter<TActual> getter)
    {
        if (getter is ValueGetter<TValue> typed)
            return typed;
        throw new InvalidOperationException($"Column '{column.Name}' holds {typeof(TActual).Name} values; a getter of {typeof(TValue).Name} was asked for.");
    }
}
