using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>Evaluates per-step predictions (key vectors) against per-step labels (key vectors of the same key type).</summary>
internal static class SequenceLabelingEvaluator
{
    public static SequenceLabelingMetrics Evaluate(IDataView scored, string labelColumnName, string predictedLabelColumnName)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var label = KeyVector(scored.Schema, labelColumnName, "label");
        var predicted = KeyVector(scored.Schema, predictedLabelColumnName, "predicted label");
        int classes = (int)((KeyDataViewType)((VectorDataViewType)label.Type).ItemType).Count;
        int predictedClasses = (int)((KeyDataViewType)((VectorDataViewType)predicted.Type).ItemType).Count;
        if (predictedClasses != classes)
            throw new ArgumentOutOfRangeException(nameof(scored),
                $"Label column '{labelColumnName}' has {classes} classes but predicted label column '{predictedLabelColumnName}' has {predictedClasses}.");

        var support = new long[classes + 1];
        var predictedCounts = new long[classes + 1];
        var correct = new long[classes + 1];
        long steps = 0, rows = 0, right = 0;
        using (var cursor = scored.GetRowCursor([label, predicted]))
        {
            var labelGetter = cursor.GetGetter<VBuffer<uint>>(label);
            var predictedGetter = cursor.GetGetter<VBuffer<uint>>(predicted);
            VBuffer<uint> truth = default, guess = default;
            while (cursor.MoveNext())
            {
                labelGetter(ref truth);
                predictedGetter(ref guess);
                if (truth.Length != guess.Length)
                    throw new InvalidOperationException(
                        $"Row {cursor.Position}: label column '{labelColumnName}' has {truth.Length} steps but '{predictedLabelColumnName}' has {guess.Length}.");
                var t = truth.DenseValues().GetEnumerator();
                var g = guess.DenseValues().GetEnumerator();
                int step = 0;
                while (t.MoveNext() && g.MoveNext())
                {
                    // A missing key means the tag was not among those the label keys were fitted on: an accuracy
                    // that silently skipped it would flatter the model.
                    if (t.Current == 0 || t.Current > classes)
                        throw new InvalidOperationException(
                            $"Label column '{labelColumnName}', row {cursor.Position}, step {step}: key {t.Current} is not a known tag (1..{classes}); " +
                            "the tag was probably not seen when the label keys were fitted. Fit MapValueToKey on data that has every tag, or drop such rows.");
                    step++;
                    steps++;
                    support[t.Current]++;
                    if (g.Current <= classes)
                        predictedCounts[g.Current]++;
                    if (t.Current == g.Current)
                    {
                        right++;
                        correct[t.Current]++;
                    }
                }

                rows++;
            }
        }

        var names = KeyValuesCodec.ClassNames(label, classes);
        var perTag = Enumerable.Range(1, classes)
            .Select(k => new TagMetrics(names[k - 1], support[k], predictedCounts[k], correct[k]))
            .OrderByDescending(m => m.Support)
            .ThenBy(m => m.Tag, StringComparer.Ordinal)
            .ToArray();
        return new SequenceLabelingMetrics(steps == 0 ? 0 : (double)right / steps, steps, rows, perTag);
    }

    private static DataViewSchema.Column KeyVector(DataViewSchema schema, string name, string role)
    {
        var column = ColumnLookup.Find(schema, name, $"The {role} column");
        if (column.Type is not VectorDataViewType { ItemType: KeyDataViewType { RawType: var raw } } || raw != typeof(uint))
            throw new ArgumentOutOfRangeException(nameof(schema), $"The {role} column '{name}' has type {column.Type}; expected a vector of UInt32 keys (one per step).");
        return column;
    }
}
