using System.Reflection;
using Microsoft.ML;

namespace Rnn.MLNet.Tests;

/// <summary>
/// ML.NET builds a SchemaShape from a schema only internally (EstimatorChain does it before fitting);
/// tests call the same factory to exercise GetOutputSchema directly.
/// </summary>
internal static class Shapes
{
    private static readonly MethodInfo CreateMethod = typeof(SchemaShape).GetMethod(
        "Create", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(DataViewSchema)])!;

    public static SchemaShape Of(DataViewSchema schema) => (SchemaShape)CreateMethod.Invoke(null, [schema])!;
}
