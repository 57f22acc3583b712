using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// One class per step (sequence labeling): a key-vector label aligned with the input steps, the network's head on every
/// step's output, Score as steps × classes probabilities (no multiclass annotations: it is not one row's class vector) and
/// PredictedLabel as a key per step; evaluated with <c>mlContext.Rnn().EvaluateSequenceLabeling</c>.
/// </summary>
internal sealed class LabelingHead : ClassHead
{
    public override SequenceTask Task => SequenceTask.Labeling;

    public override bool ReadsEveryStep => true;

    public override void Validate(RnnTrainerOptions options)
    {
        if (options.Pooling != RnnPooling.Last)
            throw RnnTrainerOptions.Bad(nameof(RnnTrainerOptions.Pooling), options.Pooling,
                "Last for Task = Labeling (a labeling head reads every step's own output; pooling is for classification)");
    }

    public override RowLabels LabelsOf(DataViewRow row, SequenceLabel label, string featureColumn) => new ClassPerStep(row, label, featureColumn);

    public override bool AddScoreColumns(DataViewSchema.Builder builder, RnnColumnNames columns, LabelInfo? label, RecurrentNetworkDescription network, bool scalarScore)
    {
        var labelInfo = RequireLabel(label);
        // One block of class probabilities per real step, and one key per step. No score-kind annotations: ML.NET's
        // evaluators and tools read those as "a known-size vector of one row's class scores", which this is not.
        builder.AddColumn(columns.Score, new VectorDataViewType(NumberDataViewType.Single));
        builder.AddColumn(columns.PredictedLabel, new VectorDataViewType(new KeyDataViewType(typeof(uint), labelInfo.ClassCount)), PredictedLabelAnnotations(labelInfo));
        return true;
    }

    protected override ValueGetter<TValue> PredictedLabelGetter<TValue>(DataViewSchema.Column column, ScoreBuffer scores, Func<int> currentRow) =>
        ScoreGetters.Typed<TValue, VBuffer<uint>>(column, (ref VBuffer<uint> value) => scores.PredictedKeys(currentRow(), ref value));

    /// <summary>A row's classes, one per step, stored beside it once its length is known.</summary>
    private sealed class ClassPerStep(DataViewRow row, SequenceLabel label, string featureColumn) : RowLabels
    {
        private readonly ValueGetter<VBuffer<uint>> _keys = row.GetGetter<VBuffer<uint>>(label.Column);
        private VBuffer<uint> _buffer;

        public override bool LabelsEveryStep => true;

        public override void AfterRow(SequenceChunk chunk, int steps, long row)
        {
            _keys(ref _buffer);
            if (_buffer.Length != steps)
                throw new InvalidOperationException(
                    $"Label column '{label.Column.Name}', row {row}: {_buffer.Length} labels for a sequence of {steps} steps in feature column '{featureColumn}'; expected one label per step.");
            var target = chunk.StepLabelsOfLast();
            int step = 0;
            foreach (var key in _buffer.DenseValues())
                target[step++] = SequenceRowChecks.ClassIndex(key, label.ClassCount, label.Column.Name, row);
        }
    }
}
