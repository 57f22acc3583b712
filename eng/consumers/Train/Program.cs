// Trains a tiny LSTM classifier through ML.NET with the Rnn.MLNet package, saves it (ML.NET's format) and exports ONNX.
// Task: is a sequence of 6 values rising or falling? Usage: Train <output folder>
using System.Globalization;
using Microsoft.ML;
using Rnn.MLNet;
using Rnn.Onnx;

var folder = Path.GetFullPath(args.Length > 0 ? args[0] : "out");
Directory.CreateDirectory(folder);

var random = new Random(7);
Row MakeRow()
{
    bool rising = random.Next(2) == 0;
    float start = (float)random.NextDouble(), step = 0.05f + 0.1f * (float)random.NextDouble();
    var values = Enumerable.Range(0, 6).Select(t => start + (rising ? t : -t) * step + 0.02f * (float)random.NextDouble()).ToArray();
    return new Row { Features = values, Label = rising ? "rising" : "falling" };
}

var ml = new MLContext(seed: 1);
var train = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 256).Select(_ => MakeRow()).ToList());
var test = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 64).Select(_ => MakeRow()).ToList());

var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
    .Append(ml.MulticlassClassification.Trainers.Rnn(new RnnTrainerOptions
    {
        InputSize = 1,
        CellType = RnnCellType.Lstm,
        HiddenSize = 16,
        Epochs = 15,
        BatchSize = 16,
        LearningRate = 0.02f,
        Seed = 1,
    }));
var model = pipeline.Fit(train);
var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));

var zip = Path.Combine(folder, "model.zip");
var onnx = Path.Combine(folder, "model.onnx");
ml.Model.Save(model, train.Schema, zip);
model.LastTransformer.ExportOnnx(onnx);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train consumer: test accuracy {metrics.MicroAccuracy:F3} on 64 sequences"));
Console.WriteLine($"train consumer: saved {zip} ({new FileInfo(zip).Length} bytes), exported {onnx} ({new FileInfo(onnx).Length} bytes)");
Console.WriteLine($"train consumer: Rnn.MLNet {typeof(RnnTrainer).Assembly.GetName().Version} from {typeof(RnnTrainer).Assembly.Location}");

sealed class Row
{
    public float[] Features { get; set; } = [];

    public string Label { get; set; } = "";
}
