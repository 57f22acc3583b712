using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// The form in which an <see cref="RnnTransformer"/> is written by <c>mlContext.Model.Save</c>: a chain of ML.NET's own
/// transformers (third parties cannot register model loaders), so any ML.NET app can load it: ApplyOnnxModel on the
/// single-row ONNX graph plus what the task's head adds (<see cref="TaskHead.PersistedForm"/>). This class holds what every
/// head's chain shares.
/// </summary>
internal static class PersistedChain
{
    public static ITransformer Build(RnnTransformer model) => model.Head.PersistedForm(model);

    /// <summary>The single-row graph's export options: ML.NET's column names as tensor names, fixed steps for a known-size column, the transformer's metadata.</summary>
    public static OnnxExportOptions SingleRowOptions(RnnTransformer model, SingleRowTensorNames names)
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

    /// <summary>An empty view with the feature column alone: what the chain is fitted on (its steps learn nothing).</summary>
    public static EmptyDataView FeaturesOnly(RnnTransformer model)
    {
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(model.FeatureColumnName, model.FeatureType);
        return new EmptyDataView(schema.ToSchema());
    }
}
