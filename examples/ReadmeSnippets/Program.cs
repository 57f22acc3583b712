// Runs the README's code on tiny synthetic sequences (two classes told apart by the sign of their mean), so the
// snippets are known to compile and run: dotnet run --project examples/ReadmeSnippets
using Microsoft.ML;
using Rnn.MLNet;
using ReadmeSnippets;

var folder = Directory.CreateTempSubdirectory("rnn-mlnet-readme-").FullName;
var mlContext = new MLContext(seed: 1);
var train = mlContext.Data.LoadFromEnumerable(Synthetic(200, seed: 1));
var test = mlContext.Data.LoadFromEnumerable(Synthetic(50, seed: 2));
Quickstart.Run(train, test, folder);

var trained = RnnModelFile.LoadTransformer(mlContext, Path.Combine(folder, "model.zip"));
string onnx = Path.Combine(folder, "model.onnx");
trained.ExportOnnx(onnx);
OnnxScoring.Run(onnx, Synthetic(1, seed: 3)[0].Features);
Serving.Run(trained, onnx, Synthetic(1, seed: 3)[0].Features, folder);
Directory.Delete(folder, recursive: true);

static SequenceRow[] Synthetic(int count, int seed)
{
    var random = new Random(seed);
    return [.. Enumerable.Range(0, count).Select(_ =>
    {
        bool positive = random.Next(2) == 1;
        var values = new float[random.Next(2, 6) * 28];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(random.NextDouble() - (positive ? 0.3 : 0.7));
        return new SequenceRow { Features = values, Label = positive ? "up" : "down" };
    })];
}
