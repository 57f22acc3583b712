using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// The transformer's output schema: every input column, then Score (softmax probabilities with slot names)
/// and PredictedLabel (a key with the label's KeyValues), which hide same-named input columns.
/// </summary>
internal sealed class ScoredSchema
{
    public ScoredSchema(DataViewSchema input, string featureColumn, string scoreColumn, string predictedLabelColumn, LabelInfo label, IReadOnlyList<string> classNames)
    {
        Input = input;
        Features = SequenceColumnChecks.FeatureColumn(input, featureColumn);
        int classes = label.ClassCount;

        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(scoreColumn, new VectorDataViewType(NumberDataViewType.Single, classes), ScoreAnnotations(classNames));
        builder.AddColumn(predictedLabelColumn, new KeyDataViewType(typeof(uint), classes), PredictedLabelAnnotations(label));
        Output = builder.ToSchema();
        ScoreIndex = input.Count;
        PredictedLabelIndex = input.Count + 1;
    }

    public DataViewSchema Input { get; }

    public DataViewSchema Output { get; }

    public DataViewSchema.Column Features { get; }

    public int ScoreIndex { get; }

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

    private static DataViewSchema.Annotations ScoreAnnotations(IReadOnlyList<string> classNames)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        var names = classNames.Select(n => n.AsMemory()).ToArray();
        builder.Add(AnnotationNames.SlotNames, new VectorDataViewType(TextDataViewType.Instance, names.Length),
            (ref VBuffer<ReadOnlyMemory<char>> value) => value = new VBuffer<ReadOnlyMemory<char>>(names.Length, (ReadOnlyMemory<char>[])names.Clone()));
        builder.Add(AnnotationNames.ScoreColumnKind, TextDataViewType.Instance,
            (ref ReadOnlyMemory<char> value) => value = AnnotationNames.MulticlassClassification.AsMemory());
        builder.Add(AnnotationNames.ScoreValueKind, TextDataViewType.Instance,
            (ref ReadOnlyMemory<char> value) => value = AnnotationNames.Score.AsMemory());
        return builder.ToAnnotations();
    }

    private static DataViewSchema.Annotations PredictedLabelAnnotations(LabelInfo label)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(label.Annotations, name => name == AnnotationNames.KeyValues);
        return builder.ToAnnotations();
    }
}
