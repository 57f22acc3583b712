using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>The training label's key type and annotations, carried to the PredictedLabel column.</summary>
internal sealed record LabelInfo(KeyDataViewType KeyType, DataViewSchema.Annotations Annotations)
{
    public int ClassCount => (int)KeyType.Count;
}
