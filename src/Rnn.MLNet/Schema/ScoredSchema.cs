using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// The transformer's output schema: every input column, then Score (softmax probabilities with slot names)
/// and PredictedLabel (a key with the label's KeyValues), which hide same-named input columns.
/// </summary>
internal sealed class ScoredSchema
{
    public ScoredSchema(DataViewSchema input, RnnColumnNames columns, LabelInfo label, RecurrentNetworkDescription network, int maximumSteps)
    {
        Input = input;
        FeatureInput = SequenceInput.ForModel(SequenceColumnChecks.FeatureColumn(input, columns.Features), network) with { MaximumSteps = maximumSteps };
        PerStep = network.PerStep;
        int classes = label.ClassCount;

        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        var key = new KeyDataViewType(typeof(uint), classes);
        if (PerStep)
        {
            // One block of class probabilities per real step, and one key per step. No score-kind annotations: ML.NET's
            // evaluators and tools read those as "a known-size vector of one row's class scores", which this is not.
            builder.AddColumn(columns.Score, new VectorDataViewType(NumberDataViewType.Single));
            builder.AddColumn(columns.PredictedLabel, new VectorDataViewType(key), PredictedLabelAnnotations(label));
        }
        else
        {
            builder.AddColumn(columns.Score, new VectorDataViewType(NumberDataViewType.Single, classes), ScoreAnnotations(network.ClassNames));
            builder.AddColumn(columns.PredictedLabel, key, PredictedLabelAnnotations(label));
        }

        Output = builder.ToSchema();
        ScoreIndex = input.Count;
        PredictedLabelIndex = input.Count + 1;
    }

    public DataViewSchema Input { get; }

    public DataViewSchema Output { get; }

    public DataViewSchema.Column Features => FeatureInput.Column;

    public SequenceInput FeatureInput { get; }

    public bool PerStep { get; }

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
