namespace Rnn.MLNet;

/// <summary>ML.NET's annotation names and values (its own constants class is internal).</summary>
internal static class AnnotationNames
{
    public const string KeyValues = "KeyValues";
    public const string SlotNames = "SlotNames";
    public const string ScoreColumnKind = "ScoreColumnKind";
    public const string ScoreValueKind = "ScoreValueKind";
    public const string MulticlassClassification = "MulticlassClassification";
    public const string Regression = "Regression";
    public const string MultiOutputRegression = "MultiOutputRegression";
    public const string Score = "Score";
}
