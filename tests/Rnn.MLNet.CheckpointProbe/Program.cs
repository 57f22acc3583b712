// A training run the checkpoint tests can kill and restart: args = checkpoint folder, epochs.
// Prints one line per finished epoch and, at the end, the validation accuracy and a checksum of the weights.
using Microsoft.ML;
using Rnn.MLNet;
using Rnn.Onnx;

string folder = args[0];
int epochs = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var ml = new MLContext(seed: 1);
ml.Log += (_, e) =>
{
    // ML.NET prefixes log messages with their source; print ours from "Resumed" on.
    int at = e.Message.IndexOf("Resumed from", StringComparison.Ordinal);
    if (at >= 0)
        Console.WriteLine(e.Message[at..]);
};

var train = ml.Data.LoadFromEnumerable(Rows(600, seed: 1));
var validation = ml.Data.LoadFromEnumerable(Rows(200, seed: 2));
var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(train);
var options = new RnnTrainerOptions
{
    InputSize = 3,
    CellType = RnnCellType.Gru,
    HiddenSize = 24,
    Epochs = epochs,
    BatchSize = 16,
    LearningRate = 0.01f,
    Dropout = 0.1f,
    Seed = 5,
    ValidationSet = keys.Transform(validation),
    CheckpointDirectory = folder,
    Progress = new Printer(),
};

using var model = new RnnTrainer(ml, options).Fit(keys.Transform(train));
var accuracy = ml.MulticlassClassification.Evaluate(model.Transform(keys.Transform(validation))).MicroAccuracy;
double checksum = model.Network.Head.Weights.ToArray().Sum(w => (double)w) + model.Network.Layers[0][0].RecurrentWeights.ToArray().Sum(w => (double)w);
Console.WriteLine(FormattableString.Invariant($"final accuracy {accuracy:F6} checksum {checksum:F6}"));

static IEnumerable<Row> Rows(int count, int seed)
{
    var random = new Random(seed);
    for (int r = 0; r < count; r++)
    {
        int steps = random.Next(2, 8);
        var values = Enumerable.Range(0, steps * 3).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var sums = Enumerable.Range(0, 3).Select(f => values.Where((_, i) => i % 3 == f).Sum()).ToArray();
        yield return new Row { Features = values, Label = "c" + Array.IndexOf(sums, sums.Max()) };
    }
}

internal sealed class Row
{
    public float[] Features { get; set; } = [];

    public string Label { get; set; } = "";
}

internal sealed class Printer : IProgress<RnnTrainingProgress>
{
    public void Report(RnnTrainingProgress value)
    {
        if (value.IsEpochEnd)
            Console.WriteLine(FormattableString.Invariant($"epoch {value.Epoch} done, validation accuracy {value.ValidationAccuracy:F4}"));
    }
}
