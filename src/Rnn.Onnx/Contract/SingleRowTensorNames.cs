namespace Rnn.Onnx;

/// <summary>Input and output tensor names of the <see cref="OnnxInputLayout.SingleRow"/> graph.</summary>
/// <param name="Features">Input: one sequence's values, [1, steps × InputSize].</param>
/// <param name="Probabilities">Output: class probabilities, [C].</param>
/// <param name="PredictedIndex">Output: 0-based index of the most probable class, [1].</param>
/// <param name="PredictedLabel">Output: the most probable class name, [1] string.</param>
/// <param name="Predictions">Output of a regressor (instead of the three class outputs): its predicted values, [targets].</param>
public sealed record SingleRowTensorNames(
    string Features = RnnOnnxNames.Features,
    string Probabilities = RnnOnnxNames.Probabilities,
    string PredictedIndex = RnnOnnxNames.PredictedIndex,
    string PredictedLabel = RnnOnnxNames.PredictedLabel,
    string Predictions = RnnOnnxNames.Predictions);
