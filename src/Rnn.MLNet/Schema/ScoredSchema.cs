using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// The transformer's output schema: every input column, then the columns the task's head adds (<see cref="TaskHead.AddScoreColumns"/>):
/// Score and, for classes, PredictedLabel (a key with the label's KeyValues), which hide same-named input columns.
/// </summary>
internal sealed class ScoredSchema
{
    public ScoredSchema(DataViewSchema input, RnnColumnNames columns, LabelInfo? label, RecurrentNetworkDescription network, TaskHead head, int maximumSteps, bool scalarScore)
    {
        Input = input;
        FeatureInput = SequenceInput.ForModel(SequenceColumnChecks.FeatureColumn(input, columns.Features), network) with { MaximumSteps = maximumSteps };
        Head = head;
        ScalarScore = scalarScore;
        ScoreIndex = input.Count;

        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        PredictedLabelIndex = head.AddScoreColumns(builder, columns, label, network, scalarScore) ? input.Count + 1 : -1;
        Output = builder.ToSchema();
    }

    public DataViewSchema Input { get; }

    public DataViewSchema Output { get; }

    public DataViewSchema.Column Features => FeatureInput.Column;

    public SequenceInput FeatureInput { get; }

    /// <summary>The task's head: its columns' getters and its scores' layout.</summary>
    public TaskHead Head { get; }

    /// <summary>A one-target regressor: Score is a <c>Single</c>.</summary>
    public bool ScalarScore { get; }

    public int ScoreIndex { get; }

    /// <summary>Index of PredictedLabel, or -1 when the head predicts no classes.</summary>
    public int PredictedLabelIndex { get; }

    public bool IsScoreColumn(int index) => index == ScoreIndex || index == PredictedLabelIndex;

    /// <summary>Input columns needed to produce the given output columns.</summary>
    public DataViewSchema.Column[] InputColumnsFor(IEnumerable<DataViewSchema.Column> outputColumns, out bool needsScores)
    {
        var needed = new List<DataViewSchema.Column>();
        needsScores = false;
        foreach (var column in outputColumns)
        {
            if (IsScoreColumn(column.Index))
                needsScores = true;
            else
                needed.Add(Input[column.Index]);
        }

        if (needsScores && !needed.Any(c => c.Index == Features.Index))
            needed.Add(Features);
        return [.. needed];
    }
}
