using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet;

/// <summary>Finds a featurizer's input column, before Fit (<see cref="SchemaShape"/>) or after (<see cref="DataViewSchema"/>), with messages that name it.</summary>
internal static class FeaturizerColumns
{
    public static DataViewSchema.Column Find(DataViewSchema schema, string name, string featurizer)
    {
        if (schema.GetColumnOrNull(name) is { } column)
            return column;
        var available = string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"));
        throw new ArgumentOutOfRangeException(nameof(schema),
            $"{featurizer}: input column '{name}' was not found; the columns are {available}.");
    }

    public static SchemaShape.Column Find(SchemaShape schema, string name, string featurizer)
    {
        // SchemaShape's own lookup is internal; the last column of a name is the visible one.
        if (schema.LastOrDefault(c => c.Name == name) is { Name: not null } column)
            return column;
        var available = string.Join(", ", schema.Select(c => $"'{c.Name}'"));
        throw new ArgumentOutOfRangeException(nameof(schema),
            $"{featurizer}: input column '{name}' was not found; the columns are {available}.");
    }

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
