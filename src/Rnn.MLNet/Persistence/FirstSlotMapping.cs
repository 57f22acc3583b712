using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Rnn.MLNet;

/// <summary>
/// The one step of a saved Rnn.MLNet model that ML.NET has no built-in for: ONNX outputs reach ML.NET as vectors,
/// and the predicted class name must become a scalar before it is mapped to the label's key type.
/// ML.NET finds this factory by its contract name when loading, once
/// <c>mlContext.ComponentCatalog.RegisterAssembly(typeof(RnnTrainer).Assembly)</c> has run
/// (<see cref="RnnModelFile.Load"/> does that).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class FirstSlotMapping : CustomMappingFactory<FirstSlotMapping.Vector, FirstSlotMapping.Scalar>
{
    /// <summary>Contract name stored in saved models.</summary>
    public const string ContractName = "Rnn.MLNet.FirstSlot";

    /// <summary>Column read by the mapping.</summary>
    public const string InputColumn = "RnnPredictedLabelVector";

    /// <summary>Column written by the mapping.</summary>
    public const string OutputColumn = "RnnPredictedLabelText";

    /// <inheritdoc/>
    public override Action<Vector, Scalar> GetMapping() => Map;

    internal static void Map(Vector source, Scalar destination) =>
        destination.Value = source.Value is [var first, ..] ? first : "";

    /// <summary>Input row: the one-slot vector ONNX produced.</summary>
    public sealed class Vector
    {
        /// <summary>The predicted class name in a one-element vector.</summary>
        [ColumnName(InputColumn)]
        [VectorType(1)]
        public string[] Value { get; set; } = [];
    }

    /// <summary>Output row: the class name as a scalar.</summary>
    public sealed class Scalar
    {
        /// <summary>The predicted class name.</summary>
        [ColumnName(OutputColumn)]
        public string Value { get; set; } = "";
    }
}
