using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Rnn.MLNet;

/// <summary>
/// The step a saved one-target regressor needs beyond ML.NET's built-ins: ONNX outputs reach ML.NET as vectors, and a
/// regressor's Score must be a <c>Single</c> (as <c>mlContext.Regression.Evaluate</c> expects). Registered like
/// <see cref="FirstSlotMapping"/> by <see cref="RnnModelFile.Register"/>.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class FirstValueMapping : CustomMappingFactory<FirstValueMapping.Vector, FirstValueMapping.Scalar>
{
    /// <summary>Contract name stored in saved models.</summary>
    public const string ContractName = "Rnn.MLNet.FirstValue";

    /// <summary>Column read by the mapping.</summary>
    public const string InputColumn = "RnnScoreVector";

    /// <summary>Column written by the mapping.</summary>
    public const string OutputColumn = "RnnScoreValue";

    /// <inheritdoc/>
    public override Action<Vector, Scalar> GetMapping() => Map;

    internal static void Map(Vector source, Scalar destination) =>
        destination.Value = source.Value is [var first, ..] ? first : float.NaN;

    /// <summary>Input row: the one-value vector ONNX produced.</summary>
    public sealed class Vector
    {
        /// <summary>The predicted value in a one-element vector.</summary>
        [ColumnName(InputColumn)]
        [VectorType(1)]
        public float[] Value { get; set; } = [];
    }

    /// <summary>Output row: the value as a scalar.</summary>
    public sealed class Scalar
    {
        /// <summary>The predicted value.</summary>
        [ColumnName(OutputColumn)]
        public float Value { get; set; }
    }
}
