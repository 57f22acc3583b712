using Microsoft.ML;
using Microsoft.ML.Data;
using Rnn.Onnx;

namespace Rnn.MLNet;

/// <summary>
/// The form in which an <see cref="RnnTransformer"/> is written by <c>mlContext.Model.Save</c>: a chain of
/// ML.NET's own transformers (third parties cannot register model loaders), so any ML.NET app can load it:
/// ApplyOnnxModel on the single-row ONNX graph (Score + predicted class name), the class name mapped back to
/// the training label's key type (after <see cref="FirstSlotMapping"/> makes it a scalar), helper columns dropped.
/// </summary>
internal static class PersistedChain
{
    public static ITransformer Build(RnnTransformer model)
    {
        // The chain is built to be saved: no session of it needs a GPU (GPU settings are not saved; the loading context's apply).
        var ml = OnnxStep.CpuOnly(model.Context.Builder);
        string vectorColumn = FirstSlotMapping.InputColumn;
        string textColumn = FirstSlotMapping.OutputColumn;
        int valuesPerStep = model.Network.Tokens is null ? model.Network.InputSize : 1;
        int? fixedSteps = model.FeatureType.IsKnownSize ? model.FeatureType.Size / valuesPerStep : null;
        bool perStep = model.Network.PerStep;
        var onnx = RnnOnnxExporter.ToBytes(model.Network, new OnnxExportOptions
        {
            Layout = OnnxInputLayout.SingleRow,
            FixedSteps = fixedSteps,
            Metadata = model.OnnxMetadata(),
            SingleRowNames = new SingleRowTensorNames(
                Features: model.FeatureColumnName,
                Probabilities: model.ScoreColumnName,
                PredictedIndex: "RnnPredictedIndex",
                PredictedLabel: vectorColumn),
        });

        var temporary = new List<string> { vectorColumn };
        IEstimator<ITransformer> chain = ml.Transforms.ApplyOnnxModel([model.ScoreColumnName, vectorColumn], [model.FeatureColumnName], new MemoryStream(onnx));
        if (!perStep)
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
            .Append(LabelKeyMapping.Create(ml, model.Label, model.Network.ClassNames, textColumn, model.PredictedLabelColumnName, temporary))
            .Append(ml.Transforms.DropColumns([.. temporary]));

        var schema = new DataViewSchema.Builder();
        schema.AddColumn(model.FeatureColumnName, model.FeatureType);
        return chain.Fit(new EmptyDataView(schema.ToSchema()));
    }
}
