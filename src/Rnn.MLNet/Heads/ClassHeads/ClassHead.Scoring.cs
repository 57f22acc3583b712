using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>The class heads in a trained model: Score as probabilities, PredictedLabel as the label's key, and their saved form.</summary>
internal abstract partial class ClassHead
{
    public override ValueGetter<TValue> Getter<TValue>(ScoredSchema schema, DataViewSchema.Column column, ScoreBuffer scores, Func<int> currentRow) =>
        column.Index == schema.ScoreIndex
            ? ScoreGetters.Typed<TValue, VBuffer<float>>(column, (ref VBuffer<float> value) => scores.CopyScores(currentRow(), ref value))
            : PredictedLabelGetter<TValue>(column, scores, currentRow);

    /// <summary>The PredictedLabel getter: one key per row, or one per step.</summary>
    protected abstract ValueGetter<TValue> PredictedLabelGetter<TValue>(DataViewSchema.Column column, ScoreBuffer scores, Func<int> currentRow);

    public override string ScoreKind(bool scalarScore) => "classes";

    public override (LabelInfo? Label, bool ScalarScore) FromModelMetadata(IReadOnlyDictionary<string, string> metadata, RecurrentNetworkDescription network, string path) =>
        (KeyValuesCodec.Decode(metadata.GetValueOrDefault(MLNetMetadata.KeyValuesType), network.ClassNames, path), false);

    /// <summary>
    /// ApplyOnnxModel on the single-row graph (Score + predicted class name), the class name mapped back to the training label's
    /// key type (a per-sequence name first made a scalar by <see cref="FirstSlotMapping"/>), helper columns dropped.
    /// </summary>
    public override ITransformer PersistedForm(RnnTransformer model)
    {
        // The chain is built to be saved: no session of it needs a GPU (GPU settings are not saved; the loading context's apply).
        var ml = model.Context.Devices.CpuSteps;
        string vectorColumn = FirstSlotMapping.InputColumn;
        string textColumn = FirstSlotMapping.OutputColumn;
        var onnx = RnnOnnxExporter.ToBytes(model.Network, PersistedChain.SingleRowOptions(model, new SingleRowTensorNames(
            Features: model.FeatureColumnName,
            Probabilities: model.ScoreColumnName,
            PredictedIndex: "RnnPredictedIndex",
            PredictedLabel: vectorColumn)));

        var temporary = new List<string> { vectorColumn };
        IEstimator<ITransformer> chain = ml.Transforms.ApplyOnnxModel([model.ScoreColumnName, vectorColumn], [model.FeatureColumnName], new MemoryStream(onnx));
        if (!ReadsEveryStep)
        {
            // One class per row: the one-slot vector of names becomes a scalar before it becomes a key.
            chain = chain.Append(ml.Transforms.CustomMapping(new FirstSlotMapping().GetMapping(), FirstSlotMapping.ContractName));
            temporary.Add(textColumn);
        }
        else
        {
            textColumn = vectorColumn;
        }

        chain = chain
            .Append(LabelKeyMapping.Create(ml, model.Label!, model.Network.ClassNames, textColumn, model.PredictedLabelColumnName, temporary))
            .Append(ml.Transforms.DropColumns([.. temporary]));
        return chain.Fit(PersistedChain.FeaturesOnly(model));
    }

    /// <summary>PredictedLabel's annotations: the training label's key values.</summary>
    protected static DataViewSchema.Annotations PredictedLabelAnnotations(LabelInfo label)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(label.Annotations, name => name == AnnotationNames.KeyValues);
        return builder.ToAnnotations();
    }

    /// <summary>The training label's key type and values; a class head's model always has them.</summary>
    protected static LabelInfo RequireLabel(LabelInfo? label) =>
        label ?? throw new ArgumentNullException(nameof(label), "A classifier needs its label's key type.");
}
