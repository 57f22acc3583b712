namespace Rnn.Examples.Common;

/// <summary>A training part and a test part of a data set (see <see cref="DataSplit"/>).</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Train">Items to train on.</param>
/// <param name="Test">Held-out items to evaluate on.</param>
public sealed record TrainTestSplit<T>(IReadOnlyList<T> Train, IReadOnlyList<T> Test);
