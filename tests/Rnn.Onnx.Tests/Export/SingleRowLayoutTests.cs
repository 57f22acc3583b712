using Microsoft.ML.OnnxRuntime;
using Rnn.Onnx.Tests.Support;

namespace Rnn.Onnx.Tests;

/// <summary>
/// The single-row graph (for ML.NET's OnnxTransformer) agrees with the batched one row by row.
/// Its input is [1, values]: ML.NET pins an unknown first dimension to 1 and sizes the second from the row.
/// </summary>
[TestClass]
public sealed class SingleRowLayoutTests
{
    [TestMethod]
    [DataRow(RnnCellType.Tanh, 1, false)]
    [DataRow(RnnCellType.Relu, 2, true)]
    [DataRow(RnnCellType.Lstm, 2, true)]
    [DataRow(RnnCellType.Gru, 3, true)]
    [DataRow(RnnCellType.Lstm, 1, false)]
    public void SingleRowEqualsBatchedPerRow(RnnCellType cell, int layers, bool bidirectional)
    {
        var net = RandomNetworks.Create(cell, layers, bidirectional, seed: 31 + layers);
        var sequences = RandomNetworks.Sequences(32, net.InputSize, 1, 6, 3, 8);

        using var batched = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));
        var expected = batched.ScoreBatch(sequences);

        var singleRow = RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Layout = OnnxInputLayout.SingleRow });
        using var session = new InferenceSession(singleRow);
        Assert.AreEqual(1, session.InputMetadata.Count, "single-row graphs take only the features");
        CollectionAssert.AreEqual(new[] { 1, -1 }, session.InputMetadata[RnnOnnxNames.Features].Dimensions);
        CollectionAssert.AreEqual(new[] { net.Head.Outputs }, session.OutputMetadata[RnnOnnxNames.Probabilities].Dimensions);
        CollectionAssert.AreEqual(new[] { 1 }, session.OutputMetadata[RnnOnnxNames.PredictedIndex].Dimensions);

        for (int b = 0; b < sequences.Length; b++)
        {
            using var features = OrtValue.CreateTensorValueFromMemory(sequences[b], [1, sequences[b].Length]);
            using var results = session.Run(new RunOptions(), [RnnOnnxNames.Features], [features],
                [RnnOnnxNames.Probabilities, RnnOnnxNames.PredictedIndex]);
            var probabilities = results[0].GetTensorDataAsSpan<float>().ToArray();
            var predicted = results[1].GetTensorDataAsSpan<long>().ToArray();

            CollectionAssert.AreEqual(new long[] { net.Head.Outputs }, results[0].GetTensorTypeAndShape().Shape);
            Assert.AreEqual(net.Head.Outputs, probabilities.Length);
            for (int c = 0; c < probabilities.Length; c++)
                Assert.AreEqual(expected[b].Probabilities[c], probabilities[c], 1e-6, $"sequence {b} class {c}");
            CollectionAssert.AreEqual(new long[] { expected[b].PredictedIndex }, predicted);
        }
    }

    [TestMethod]
    public void FixedStepsDeclaresAKnownLengthAndScoresTheSame()
    {
        var net = RandomNetworks.Create(RnnCellType.Gru, 2, true, seed: 34);
        var sequence = RandomNetworks.Sequences(35, net.InputSize, 6)[0];
        using var batched = RnnOnnxScorer.FromBytes(RnnOnnxExporter.ToBytes(net));
        var expected = batched.Score(sequence);

        var bytes = RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Layout = OnnxInputLayout.SingleRow, FixedSteps = 6 });
        using var session = new InferenceSession(bytes);
        CollectionAssert.AreEqual(new[] { 1, 6 * net.InputSize }, session.InputMetadata[RnnOnnxNames.Features].Dimensions);
        using var features = OrtValue.CreateTensorValueFromMemory(sequence, [1, sequence.Length]);
        using var results = session.Run(new RunOptions(), [RnnOnnxNames.Features], [features], [RnnOnnxNames.Probabilities]);
        var probabilities = results[0].GetTensorDataAsSpan<float>().ToArray();
        for (int c = 0; c < probabilities.Length; c++)
            Assert.AreEqual(expected.Probabilities[c], probabilities[c], 1e-6);
    }

    [TestMethod]
    public void FixedStepsIsRefusedForTheBatchedLayoutAndWhenNotPositive()
    {
        var net = RandomNetworks.Create(RnnCellType.Tanh, 1, false, seed: 36);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() =>
            RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { FixedSteps = 4 })).Message, "SingleRow");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Layout = OnnxInputLayout.SingleRow, FixedSteps = 0 }));
    }

    [TestMethod]
    public void SingleRowRejectsLengthNotAMultipleOfInputSize()
    {
        var net = RandomNetworks.Create(RnnCellType.Gru, 1, false, seed: 33);
        // The failure is expected; keep ORT from printing it as an error.
        using var quiet = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
        using var session = new InferenceSession(RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Layout = OnnxInputLayout.SingleRow }), quiet);
        using var features = OrtValue.CreateTensorValueFromMemory(new float[net.InputSize + 1], [1, net.InputSize + 1]);
        Assert.ThrowsExactly<OnnxRuntimeException>(() =>
            session.Run(new RunOptions(), [RnnOnnxNames.Features], [features], [RnnOnnxNames.Probabilities]).Dispose());
    }
}
