using Microsoft.ML;

namespace Rnn.MLNet;

/// <summary>
/// Finds a column by name, before Fit (<see cref="SchemaShape"/>) or after (<see cref="DataViewSchema"/>); a missing
/// column fails with a message that names it, says whose it is, and lists the columns that are there.
/// </summary>
internal static class ColumnLookup
{
    /// <param name="schema">Where to look.</param>
    /// <param name="name">The column's name.</param>
    /// <param name="description">Who looks for what, e.g. "The feature column" or "ImageRows: input column".</param>
    public static DataViewSchema.Column Find(DataViewSchema schema, string name, string description) =>
        schema.GetColumnOrNull(name) ?? throw Missing(name, description, schema.Where(c => !c.IsHidden).Select(c => c.Name));

    /// <inheritdoc cref="Find(DataViewSchema, string, string)"/>
    public static SchemaShape.Column Find(SchemaShape schema, string name, string description) =>
        TryFind(schema, name) ?? throw Missing(name, description, schema.Select(c => c.Name));

    /// <summary>The visible column of that name (SchemaShape's own lookup is internal; the last column of a name is the visible one), or null.</summary>
    public static SchemaShape.Column? TryFind(SchemaShape schema, string name)
    {
        SchemaShape.Column? found = null;
        foreach (var column in schema)
        {
            if (column.Name == name)
                found = column;
        }

        return found;
    }

    private static ArgumentOutOfRangeException Missing(string name, string description, IEnumerable<string> available) =>
        new("inputSchema", $"{description} '{name}' was not found; the columns are {string.Join(", ", available.Distinct().Select(c => $"'{c}'"))}.");
}
