using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// One class per sequence (many-to-one): a key label per row, the network's head on the final state (or the max or mean
/// of every valid step), Score as a known-size vector of class probabilities with the class names as slot names and
/// ML.NET's multiclass score kind, so <c>mlContext.MulticlassClassification.Evaluate</c> works unchanged.
/// </summary>
internal sealed class ClassificationHead : ClassHead
{
    public override SequenceTask Task => SequenceTask.Classification;

    public override RowLabels LabelsOf(DataViewRow row, SequenceLabel label, string featureColumn) => new ClassPerRow(row, label);

    public override bool AddScoreColumns(DataViewSchema.Builder builder, RnnColumnNames columns, LabelInfo? label, RecurrentNetworkDescription network, bool scalarScore)
    {
        var labelInfo = RequireLabel(label);
        int classes = labelInfo.ClassCount;
        builder.AddColumn(columns.Score, new VectorDataViewType(NumberDataViewType.Single, classes), ScoreAnnotations(network.ClassNames));
        builder.AddColumn(columns.PredictedLabel, new KeyDataViewType(typeof(uint), classes), PredictedLabelAnnotations(labelInfo));
        return true;
    }

    protected override ValueGetter<TValue> PredictedLabelGetter<TValue>(DataViewSchema.Column column, ScoreBuffer scores, Func<int> currentRow) =>
        ScoreGetters.Typed<TValue, uint>(column, (ref uint value) => value = scores.PredictedKey(currentRow()));

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

    /// <summary>A row's class, read from its key and checked before its features are read.</summary>
    private sealed class ClassPerRow(DataViewRow row, SequenceLabel label) : RowLabels
    {
        private readonly Func<ulong> _key = KeyGetter.Create(row, label.Column);

        public override int RowLabel(long row) => SequenceRowChecks.ClassIndex(_key(), label.ClassCount, label.Column.Name, row);
    }
}
