using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>A regressor in a trained model: Score alone (a <c>Single</c>, or a vector named by its targets), and its saved form.</summary>
internal partial class RegressionHead
{
    public override bool ScoresScalar(bool singleLabel) => singleLabel;

    public override bool AddScoreColumns(DataViewSchema.Builder builder, RnnColumnNames columns, LabelInfo? label, RecurrentNetworkDescription network, bool scalarScore)
    {
        var targets = network.Regression!;
        builder.AddColumn(columns.Score,
            scalarScore ? NumberDataViewType.Single : new VectorDataViewType(NumberDataViewType.Single, targets.Count),
            ScoreAnnotations(scalarScore ? null : targets.Names));
        return false;
    }

    public override ValueGetter<TValue> Getter<TValue>(ScoredSchema schema, DataViewSchema.Column column, ScoreBuffer scores, Func<int> currentRow) =>
        schema.ScalarScore
            ? ScoreGetters.Typed<TValue, float>(column, (ref float value) => value = scores.Value(currentRow()))
            : ScoreGetters.Typed<TValue, VBuffer<float>>(column, (ref VBuffer<float> value) => scores.CopyScores(currentRow(), ref value));

    public override string ScoreKind(bool scalarScore) => scalarScore ? "scalar" : "vector";

    public override (LabelInfo? Label, bool ScalarScore) FromModelMetadata(IReadOnlyDictionary<string, string> metadata, RecurrentNetworkDescription network, string path) =>
        (null, metadata.GetValueOrDefault(MLNetMetadata.ScoreKind) == "scalar");

    /// <summary>ApplyOnnxModel's value vector is Score itself, or (one <c>Single</c> target) becomes a scalar first (<see cref="FirstValueMapping"/>).</summary>
    public override ITransformer PersistedForm(RnnTransformer model)
    {
        var ml = model.Context.Devices.CpuSteps;
        string output = model.ScalarScore ? FirstValueMapping.InputColumn : model.ScoreColumnName;
        var onnx = RnnOnnxExporter.ToBytes(model.Network, PersistedChain.SingleRowOptions(model, new SingleRowTensorNames(Features: model.FeatureColumnName, Predictions: output)));
        IEstimator<ITransformer> chain = ml.Transforms.ApplyOnnxModel([output], [model.FeatureColumnName], new MemoryStream(onnx));
        if (model.ScalarScore)
        {
            chain = chain
                .Append(ml.Transforms.CustomMapping(new FirstValueMapping().GetMapping(), FirstValueMapping.ContractName))
                .Append(ml.Transforms.CopyColumns(model.ScoreColumnName, FirstValueMapping.OutputColumn))
                .Append(ml.Transforms.DropColumns([FirstValueMapping.InputColumn, FirstValueMapping.OutputColumn]));
        }

        return chain.Fit(PersistedChain.FeaturesOnly(model));
    }

    /// <summary>ML.NET's score kind for regression (what its evaluators and tools look for), and slot names for several targets.</summary>
    private static DataViewSchema.Annotations ScoreAnnotations(IReadOnlyList<string>? targetNames)
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
}
