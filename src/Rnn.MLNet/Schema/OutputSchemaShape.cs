using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>
/// Describes the trainer's output columns as a <see cref="SchemaShape"/> before training.
/// SchemaShape columns cannot be constructed outside ML.NET, so the shape is taken from a never-fitted
/// CustomMapping estimator whose output row declares exactly our two columns.
/// </summary>
internal static class OutputSchemaShape
{
    public static SchemaShape Create(MLContext mlContext, SchemaShape input, string scoreColumn, string predictedLabelColumn, int classes, bool labelHasKeyValues, bool perStep)
    {
        // The class count is not always known before Fit (key counts are not part of a SchemaShape);
        // only the kind of each column matters to downstream estimators, so 1 stands in.
        int size = Math.Max(classes, 1);
        var rowType = perStep ? typeof(LabeledRow) : typeof(ScoredRow);
        var definition = SchemaDefinition.Create(rowType);
        definition[nameof(ScoredRow.Score)].ColumnName = scoreColumn;
        // Labeling: steps × classes scores and one key per step, so both are of variable size.
        definition[nameof(ScoredRow.Score)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, perStep ? 0 : size);
        definition[nameof(ScoredRow.PredictedLabel)].ColumnName = predictedLabelColumn;
        var key = new KeyDataViewType(typeof(uint), size);
        definition[nameof(ScoredRow.PredictedLabel)].ColumnType = perStep ? new VectorDataViewType(key) : key;

        // Downstream estimators (MapKeyToValue, evaluators) look for these annotations in the shape;
        // the values are placeholders until Fit knows the class names.
        var names = new VectorDataViewType(TextDataViewType.Instance, size);
        var placeholder = new VBuffer<ReadOnlyMemory<char>>(size, new ReadOnlyMemory<char>[size]);
        if (!perStep)
            definition[nameof(ScoredRow.Score)].AddAnnotation(AnnotationNames.SlotNames, placeholder, names);
        if (labelHasKeyValues)
            definition[nameof(ScoredRow.PredictedLabel)].AddAnnotation(AnnotationNames.KeyValues, placeholder, names);
        return perStep
            ? mlContext.Transforms.CustomMapping<NoInput, LabeledRow>((_, _) => { }, contractName: null, outputSchemaDefinition: definition).GetOutputSchema(input)
            : mlContext.Transforms.CustomMapping<NoInput, ScoredRow>((_, _) => { }, contractName: null, outputSchemaDefinition: definition).GetOutputSchema(input);
    }

    /// <summary>A regressor's output: Score alone, a <c>Single</c> or (several targets) a vector of <c>Single</c>.</summary>
    public static SchemaShape CreateRegression(MLContext mlContext, SchemaShape input, string scoreColumn, bool scalar)
    {
        var rowType = scalar ? typeof(RegressionRow) : typeof(MultiTargetRow);
        var definition = SchemaDefinition.Create(rowType);
        var score = definition[nameof(RegressionRow.Score)];
        score.ColumnName = scoreColumn;
        // The number of targets is not part of a SchemaShape either; 1 stands in, as for the class count.
        if (!scalar)
            score.ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1);
        return scalar
            ? mlContext.Transforms.CustomMapping<NoInput, RegressionRow>((_, _) => { }, contractName: null, outputSchemaDefinition: definition).GetOutputSchema(input)
            : mlContext.Transforms.CustomMapping<NoInput, MultiTargetRow>((_, _) => { }, contractName: null, outputSchemaDefinition: definition).GetOutputSchema(input);
    }

    /// <summary>A forecaster's output: the forecast column, a vector of <paramref name="horizon"/> values.</summary>
    /// <param name="mlContext">Builds the stand-in mappings.</param>
    /// <param name="input">The input columns.</param>
    /// <param name="forecastColumn">The point forecast column.</param>
    /// <param name="horizon">Values per forecast.</param>
    /// <param name="quantileColumns">One more vector column of Horizon values per quantile level (empty for point forecasts).</param>
    public static SchemaShape CreateForecast(MLContext mlContext, SchemaShape input, string forecastColumn, int horizon, IReadOnlyList<string>? quantileColumns = null)
    {
        var shape = input;
        foreach (var name in (quantileColumns ?? []).Prepend(forecastColumn))
        {
            var definition = SchemaDefinition.Create(typeof(MultiTargetRow));
            var column = definition[nameof(MultiTargetRow.Score)];
            column.ColumnName = name;
            column.ColumnType = new VectorDataViewType(NumberDataViewType.Single, horizon);
            shape = mlContext.Transforms.CustomMapping<NoInput, MultiTargetRow>((_, _) => { }, contractName: null, outputSchemaDefinition: definition).GetOutputSchema(shape);
        }

        return shape;
    }

    /// <summary>Stand-in input row: the mapping reads no columns.</summary>
    private sealed class NoInput;

    /// <summary>Stand-in output row with the trainer's two output columns.</summary>
#pragma warning disable CS0649 // Never written: only its shape is used.
    private sealed class ScoredRow
    {
        public float[] Score = [];
        public uint PredictedLabel;
    }

    /// <summary>Stand-in output row for sequence labeling: per-step scores and keys.</summary>
    private sealed class LabeledRow
    {
        public float[] Score = [];
        public uint[] PredictedLabel = [];
    }

    /// <summary>Stand-in output row of a one-target regressor.</summary>
    private sealed class RegressionRow
    {
        public float Score;
    }

    /// <summary>Stand-in output row of a several-target regressor.</summary>
    private sealed class MultiTargetRow
    {
        public float[] Score = [];
    }
#pragma warning restore CS0649
}
