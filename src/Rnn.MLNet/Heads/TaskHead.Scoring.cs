using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>A head's part in a trained model (<see cref="RnnTransformer"/>): its output columns, their getters, its saved form.</summary>
internal abstract partial class TaskHead
{
    /// <summary>Adds Score (and for classes PredictedLabel) after the input columns; returns true when PredictedLabel was added.</summary>
    /// <param name="builder">The output schema being built, holding the input columns.</param>
    /// <param name="columns">The transformer's column names.</param>
    /// <param name="label">The training label's key type and values (classes only).</param>
    /// <param name="network">The trained network.</param>
    /// <param name="scalarScore">A one-target regressor trained on a Single label.</param>
    public abstract bool AddScoreColumns(DataViewSchema.Builder builder, RnnColumnNames columns, LabelInfo? label, RecurrentNetworkDescription network, bool scalarScore);

    /// <summary>The getter of <paramref name="column"/>, Score or PredictedLabel, over the scores of the current block.</summary>
    public abstract ValueGetter<TValue> Getter<TValue>(ScoredSchema schema, DataViewSchema.Column column, ScoreBuffer scores, Func<int> currentRow);

    /// <summary>Whether a model of this head trained on a <c>Single</c> label has a <c>Single</c> Score.</summary>
    public virtual bool ScoresScalar(bool singleLabel) => false;

    /// <summary>The built-in ML.NET chain <c>mlContext.Model.Save</c> stores for <paramref name="model"/>; its outputs equal the model's.</summary>
    public abstract ITransformer PersistedForm(RnnTransformer model);

    /// <summary>The value of <see cref="MLNetMetadata.ScoreKind"/>: what Score holds.</summary>
    public abstract string ScoreKind(bool scalarScore);

    /// <summary>The label and score kind a file written by <see cref="RnnTransformer"/> records, for <see cref="RnnModelFile.LoadTransformer"/>.</summary>
    /// <exception cref="InvalidDataException">The metadata does not describe them.</exception>
    public abstract (LabelInfo? Label, bool ScalarScore) FromModelMetadata(IReadOnlyDictionary<string, string> metadata, RecurrentNetworkDescription network, string path);
}
