using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet.Tests.Featurizers;

/// <summary>Helpers shared by the featurizer tests: schema shapes before Fit, save/load, reading columns.</summary>
internal static class FeaturizerTestKit
{
    // SchemaShape.Create is internal; an EstimatorChain calls it before Fit, tests call it directly.
    public static SchemaShape Shape(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)!
            .Invoke(null, [schema])!;

    public static SchemaShape.Column Column(SchemaShape shape, string name) =>
        shape.Last(c => c.Name == name);

    /// <summary>Saves with plain ML.NET and loads into a fresh context, as an app without Rnn.MLNet would.</summary>
    public static ITransformer SaveAndLoad(MLContext ml, ITransformer model, DataViewSchema inputSchema, string path)
    {
        ml.Model.Save(model, inputSchema, path);
        return new MLContext().Model.Load(path, out _);
    }

    public static T[][] Read<T>(IDataView data, string column) =>
        data.GetColumn<VBuffer<T>>(column).Select(v => v.DenseValues().ToArray()).ToArray();

    public static void SameRows<T>(T[][] expected, T[][] actual)
    {
        Assert.HasCount(expected.Length, actual);
        for (int i = 0; i < expected.Length; i++)
            CollectionAssert.AreEqual(expected[i], actual[i], $"row {i}");
    }
}
