using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// The transformer's output schema: every input column, then Score (softmax probabilities with slot names)
/// and PredictedLabel (a key with the label's KeyValues), which hide same-named input columns. A regressor adds
/// Score alone: a <c>Single</c>, or a vector of its targets' values with the target names as slot names.
/// </summary>
internal sealed class ScoredSchema
{
    public ScoredSchema(DataViewSchema input, RnnColumnNames columns, LabelInfo? label, RecurrentNetworkDescription network, int maximumSteps, bool scalarScore)
    {
        Input = input;
        FeatureInput = SequenceInput.ForModel(SequenceColumnChecks.FeatureColumn(input, columns.Features), network) with { MaximumSteps = maximumSteps };
        PerStep = network.PerStep;
        ScoreIndex = input.Count;

        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        if (network.Regression is { } targets)
        {
            ScalarScore = scalarScore;
            PredictedLabelIndex = -1;
            builder.AddColumn(columns.Score,
                scalarScore ? NumberDataViewType.Single : new VectorDataViewType(NumberDataViewType.Single, targets.Count),
                RegressionScoreAnnotations(scalarScore ? null : targets.Names));
            Output = builder.ToSchema();
            return;
        }

        var labelInfo = label ?? throw new ArgumentNullException(nameof(label), "A classifier needs its label's key type.");
        int classes = labelInfo.ClassCount;
        PredictedLabelIndex = input.Count + 1;
        var key = new KeyDataViewType(typeof(uint), classes);
        if (PerStep)
        {
            // One block of class probabilities per real step, and one key per step. No score-kind annotations: ML.NET's
            // evaluators and tools read those as "a known-size vector of one row's class scores", which this is not.
            builder.AddColumn(columns.Score, new VectorDataViewType(NumberDataViewType.Single));
            builder.AddColumn(columns.PredictedLabel, new VectorDataViewType(key), PredictedLabelAnnotations(labelInfo));
        }
        else
        {
            builder.AddColumn(columns.Score, new VectorDataViewType(NumberDataViewType.Single, classes), ScoreAnnotations(network.ClassNames));
            builder.AddColumn(columns.PredictedLabel, key, PredictedLabelAnnotations(labelInfo));
        }

        Output = builder.ToSchema();
    }

    public DataViewSchema Input { get; }

    public DataViewSchema Output { get; }

    public DataViewSchema.Column Features => FeatureInput.Column;

    public SequenceInput FeatureInput { get; }

    public bool PerStep { get; }

    /// <summary>A one-target regressor: Score is a <c>Single</c>.</summary>
    public bool ScalarScore { get; }

    public int ScoreIndex { get; }

    /// <summary>Index of PredictedLabel, or -1 for a regressor (which has none).</summary>
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

    /// <summary>ML.NET's score kind for regression (what its evaluators and tools look for), and slot names for several targets.</summary>
    private static DataViewSchema.Annotations RegressionScoreAnnotations(IReadOnlyList<string>? targetNames)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        if (targetNames is not null)
        {
            var names = targetNames.Select(n => n.AsMemory()).ToArray();
            builder.Add(AnnotationNames.SlotNames, new VectorDataViewType(TextDataViewType.Instance, names.Length),
                (ref VBuffer<ReadOnlyMemory<char>> value) => value = new VBuffer<ReadOnlyMemory<char>>(names.Length, (ReadOnlyMemory<char>[])names.Clone()));
        }

        string kind = targetNames is null ? AnnotationNames.Regression : AnnotationNames.MultiOutputRegression;
        builder.Add(AnnotationNames.ScoreColumnKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> value) => value = kind.AsMemory());
        builder.Add(AnnotationNames.ScoreValueKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> value) => value = AnnotationNames.Score.AsMemory());
        return builder.ToAnnotations();
    }

    private static DataViewSchema.Annotations PredictedLabelAnnotations(LabelInfo label)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(label.Annotations, name => name == AnnotationNames.KeyValues);
        return builder.ToAnnotations();
    }
}
