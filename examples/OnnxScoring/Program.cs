// Scores sequences with an ONNX model exported by Rnn.MLNet, using only Rnn.Onnx (ONNX Runtime).
// Usage:
//   dotnet run --project examples/OnnxScoring -- --model artifacts/integer-sequences.onnx --values 3,4,5,6,7,8,9,0,1
//   dotnet run --project examples/OnnxScoring -- --model M.onnx --file inputs.txt     (one sequence per line)
//   dotnet run --project examples/OnnxScoring -- --model M.onnx --tokens "h i h e l l"  (token models)
//   add --cuda to ask for ONNX Runtime's CUDA provider (falls back to the CPU with a note).
// Lines of a file hold comma- or space-separated numbers (float models) or space-separated tokens (token models).
using System.Diagnostics;
using System.Globalization;
using Rnn.Onnx;

var options = ParseArguments(args);
if (!options.TryGetValue("model", out var modelPath))
{
    Console.Error.WriteLine("usage: OnnxScoring --model FILE.onnx (--values 1,2,3 | --tokens \"a b c\" | --file FILE) [--cuda]");
    return 2;
}

using var scorer = new RnnOnnxScorer(modelPath, new RnnOnnxScorerOptions
{
    UseCuda = options.ContainsKey("cuda"),
    Log = message => Console.Error.WriteLine("note: " + message),
});
Console.WriteLine($"{Path.GetFileName(modelPath)}: {scorer.Cell} network, {(scorer.UsesTokens ? $"{scorer.Vocabulary!.Count} known tokens" : $"{scorer.InputSize} values per step")}, " +
    $"{scorer.ClassCount} classes{(scorer.PerStep ? " per step" : "")}, {(scorer.UsesCuda ? "CUDA" : "CPU")}.");

var inputs = new List<string>();
if (options.TryGetValue("values", out var values))
    inputs.Add(values);
if (options.TryGetValue("tokens", out var tokens))
    inputs.Add(tokens);
if (options.TryGetValue("file", out var file))
    inputs.AddRange(File.ReadLines(file).Where(line => line.Trim().Length > 0));
if (inputs.Count == 0)
{
    Console.Error.WriteLine("Nothing to score: give --values, --tokens or --file.");
    return 2;
}

var clock = Stopwatch.StartNew();
foreach (var line in inputs)
{
    try
    {
        Console.WriteLine(scorer.UsesTokens ? ScoreTokens(scorer, line) : ScoreValues(scorer, line));
    }
    catch (ArgumentException e)
    {
        Console.WriteLine($"{Shorten(line)} -> error: {e.Message}");
    }
}

Console.WriteLine($"Scored {inputs.Count} sequence(s) in {clock.Elapsed.TotalMilliseconds:F1} ms.");
return 0;

static string ScoreValues(RnnOnnxScorer scorer, string line)
{
    var numbers = line.Split([',', ' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries)
        .Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    if (scorer.PerStep)
        return $"{Shorten(line)} -> {string.Join(" ", scorer.Tag(numbers).Select(p => p.PredictedLabel))}";
    var prediction = scorer.Score(numbers);
    return $"{Shorten(line)} -> {prediction.PredictedLabel} ({prediction.Probabilities[prediction.PredictedIndex]:P1}){TopOthers(scorer, prediction)}";
}

static string ScoreTokens(RnnOnnxScorer scorer, string line)
{
    var tokens = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
    if (scorer.PerStep)
        return string.Join(" ", tokens.Zip(scorer.TagTokens(tokens), (t, p) => $"{t}/{p.PredictedLabel}"));
    var prediction = scorer.ScoreTokens(tokens);
    return $"{Shorten(line)} -> {prediction.PredictedLabel} ({prediction.Probabilities[prediction.PredictedIndex]:P1}){TopOthers(scorer, prediction)}";
}

static string TopOthers(RnnOnnxScorer scorer, RnnPrediction prediction)
{
    var others = prediction.Probabilities.Select((p, i) => (p, i)).Where(x => x.i != prediction.PredictedIndex)
        .OrderByDescending(x => x.p).Take(2).Select(x => $"{scorer.ClassNames[x.i]} {x.p:P1}");
    return $"; next: {string.Join(", ", others)}";
}

static string Shorten(string line) => line.Length <= 60 ? line : line[..57] + "...";

static Dictionary<string, string> ParseArguments(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    for (int i = 0; i < args.Length; i++)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException($"Unexpected argument '{args[i]}'.");
        string key = args[i][2..];
        bool flag = i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal);
        result[key] = flag ? "" : args[++i];
    }

    return result;
}
