using Microsoft.ML;
using Microsoft.ML.Data;

/// <summary>
/// The spam filter an ML.NET user writes first: <c>FeaturizeText</c> (word and character n-grams, TF-IDF-style
/// normalisation) + <c>AveragedPerceptron</c> (20 iterations), spam as the positive class, trained on the whole
/// training part of the same split (it needs no validation part) and scored on the same test mails.
/// </summary>
internal static class LinearBaseline
{
    public static (BinaryClassificationMetrics Metrics, double Seconds) Run(MLContext mlContext, IEnumerable<(string Text, bool IsSpam)> train, IEnumerable<(string Text, bool IsSpam)> test)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pipeline = mlContext.Transforms.Text.FeaturizeText("Features", nameof(BaselineMail.Text))
            .Append(mlContext.BinaryClassification.Trainers.AveragedPerceptron(numberOfIterations: 20));
        var model = pipeline.Fit(Load(mlContext, train));
        double seconds = clock.Elapsed.TotalSeconds;
        return (mlContext.BinaryClassification.EvaluateNonCalibrated(model.Transform(Load(mlContext, test))), seconds);
    }

    private static IDataView Load(MLContext mlContext, IEnumerable<(string Text, bool IsSpam)> mails) =>
        mlContext.Data.LoadFromEnumerable(mails.Select(m => new BaselineMail { Text = m.Text, Label = m.IsSpam }));

    private sealed class BaselineMail
    {
        public string Text { get; set; } = "";

        public bool Label { get; set; }
    }
}
