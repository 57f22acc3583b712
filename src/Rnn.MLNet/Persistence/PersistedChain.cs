using Microsoft.ML;
using Microsoft.ML.Data;
using Rnn.Onnx;

namespace Rnn.MLNet;

/// <summary>
/// The form in which an <see cref="RnnTransformer"/> is written by <c>mlContext.Model.Save</c>: a chain of
/// ML.NET's own transformers (third parties cannot register model loaders), so any ML.NET app can load it:
/// ApplyOnnxModel on the single-row ONNX graph (Score + predicted class name), the class name mapped back to
/// the training label's key type (after <see cref="FirstSlotMapping"/> makes it a scalar), helper columns dropped.
/// A regressor's chain is ApplyOnnxModel alone (several targets) or with <see cref="FirstValueMapping"/> (one Single target).
/// </summary>
internal static class PersistedChain
{
    public static ITransformer Build(RnnTransformer model)
    {
        if (model.IsRegression)
            return BuildRegressor(model);
        // The chain is built to be saved: no session of it needs a GPU (GPU settings are not saved; the loading context's apply).
        var ml = model.Context.Devices.CpuSteps;
        string vectorColumn = FirstSlotMapping.InputColumn;
        string textColumn = FirstSlotMapping.OutputColumn;
        bool perStep = model.Network.PerStep;
        var onnx = RnnOnnxExporter.ToBytes(model.Network, SingleRowOptions(model, new SingleRowTensorNames(
            Features: model.FeatureColumnName,
            Probabilities: model.ScoreColumnName,
            PredictedIndex: "RnnPredictedIndex",
            PredictedLabel: vectorColumn)));

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
            .Append(LabelKeyMapping.Create(ml, model.Label!, model.Network.ClassNames, textColumn, model.PredictedLabelColumnName, temporary))
            .Append(ml.Transforms.DropColumns([.. temporary]));
        return chain.Fit(FeaturesOnly(model));
    }

    /// <summary>A regressor: ApplyOnnxModel's value vector is Score itself, or (one Single target) becomes a scalar first.</summary>
    private static ITransformer BuildRegressor(RnnTransformer model)
    {
        var ml = model.Context.Devices.CpuSteps;
        string output = model.ScalarScore ? FirstValueMapping.InputColumn : model.ScoreColumnName;
        var onnx = RnnOnnxExporter.ToBytes(model.Network, SingleRowOptions(model, new SingleRowTensorNames(Features: model.FeatureColumnName, Predictions: output)));
        IEstimator<ITransformer> chain = ml.Transforms.ApplyOnnxModel([output], [model.FeatureColumnName], new MemoryStream(onnx));
        if (model.ScalarScore)
        {
            chain = chain
                .Append(ml.Transforms.CustomMapping(new FirstValueMapping().GetMapping(), FirstValueMapping.ContractName))
                .Append(ml.Transforms.CopyColumns(model.ScoreColumnName, FirstValueMapping.OutputColumn))
                .Append(ml.Transforms.DropColumns([FirstValueMapping.InputColumn, FirstValueMapping.OutputColumn]));
        }

        return chain.Fit(FeaturesOnly(model));
    }

    private static OnnxExportOptions SingleRowOptions(RnnTransformer model, SingleRowTensorNames names)
    {
        int valuesPerStep = model.Network.Tokens is null ? model.Network.InputSize : 1;
        return new OnnxExportOptions
        {
            Layout = OnnxInputLayout.SingleRow,
            FixedSteps = model.FeatureType.IsKnownSize ? model.FeatureType.Size / valuesPerStep : null,
            Metadata = model.OnnxMetadata(),
            SingleRowNames = names,
            ProducerName = MLNetMetadata.ProducerName,
        };
    }

    private static EmptyDataView FeaturesOnly(RnnTransformer model)
    {
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(model.FeatureColumnName, model.FeatureType);
        return new EmptyDataView(schema.ToSchema());
    }
}
