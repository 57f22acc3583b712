using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>Messages and helper column names shared by the featurizers.</summary>
internal static class FeaturizerColumns
{
    public static ArgumentOutOfRangeException WrongType(string featurizer, string name, object actual, string expected) =>
        new("inputSchema", $"{featurizer}: input column '{name}' has type {actual}; expected {expected}.");

    /// <summary>How a <see cref="SchemaShape.Column"/> reads in a message, e.g. "Vector&lt;String&gt; (variable size)".</summary>
    public static string Describe(SchemaShape.Column column) => column.Kind switch
    {
        SchemaShape.Column.VectorKind.Scalar => $"{column.ItemType}{(column.IsKey ? " key" : "")}",
        SchemaShape.Column.VectorKind.Vector => $"Vector<{column.ItemType}>{(column.IsKey ? " of keys" : "")} (known size)",
        _ => $"Vector<{column.ItemType}>{(column.IsKey ? " of keys" : "")} (variable size)",
    };

    /// <summary>A helper column name that cannot clash with the user's: derived from the output column and the step.</summary>
    public static string Temporary(string outputColumn, string step) => $"{outputColumn}.Rnn{step}";
}
