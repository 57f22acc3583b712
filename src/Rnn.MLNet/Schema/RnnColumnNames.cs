namespace Rnn.MLNet;

/// <summary>The columns a fitted transformer reads and writes.</summary>
internal sealed record RnnColumnNames(string Features, string Score, string PredictedLabel);
