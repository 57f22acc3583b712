using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Rnn.Benchmarks.Harness;
using Rnn.Examples.Common;
using Rnn.MLNet;
using Rnn.Onnx;

namespace Rnn.Benchmarks.Measurements;

/// <summary>
/// What 8-bit weights cost in accuracy: the networks of examples/FashionMnistRows (LSTM 128 ×2 over image rows) and
/// examples/PosTagger (embedding 64 + bidirectional LSTM 64 over Brown corpus sentences), each trained once on the example's
/// data and split, then scored on the example's test set with float weights and with <see cref="OnnxQuantization.DynamicInt8"/>:
/// the same trained model, only the weights' storage differs. Fewer epochs than the examples (their full runs take minutes
/// each; they print the same comparison for their fully trained models).
/// </summary>
internal static class QuantizedAccuracy
{
    private const double GoalPoints = 0.2;

    public static Section Run(BenchSettings settings, BenchProgress progress)
    {
        var step = progress.Begin("int8 accuracy", 4);
        var section = new Section(
            "int8 accuracy",
            $"Each network is trained for {settings.Int8Epochs} epoch(s) with its example's settings on the example's training part" +
            (settings.Int8TrainRows > 0 ? $" (its first {settings.Int8TrainRows:N0} rows)" : "") +
            $", {TorchSharp.torch.get_num_threads()} libtorch thread(s), then the same trained model scores the example's whole test set through " +
            "`RnnTransformer` with float weights and with `Quantization = DynamicInt8` (LSTM layers and head 8-bit). Accuracy change = int8 − float, " +
            $"in percentage points. Scoring time: the test rows featurized once beforehand; median of 3 passes per precision after one untimed pass each, " +
            $"taking turns; ONNX Runtime threads: {settings.OrtThreads?.ToString(CultureInfo.InvariantCulture) ?? "its default"}.",
            "data set (example)", "network", "test rows", "float", "int8", "change", "float scoring", "int8 scoring", "float ÷ int8 time");

        var fashion = FashionMnistRows(settings, step);
        Add(section, "Fashion-MNIST (FashionMnistRows), accuracy", "LSTM 128 ×2", "images", fashion);
        step.Advance("Fashion-MNIST done");
        var tagger = PosTagger(settings, step);
        Add(section, "Brown corpus POS (PosTagger), token accuracy", "embedding 64 + bi-LSTM 64", "sentences", tagger);
        step.Done($"Fashion-MNIST {Points(fashion)}, PosTagger {Points(tagger)}");
        return section;
    }

    private static void Add(Section section, string name, string network, string unit, Int8Comparison.Result result)
    {
        double change = (result.Int8Metric - result.FloatMetric) * 100;
        section.Row(name, network, $"{result.Rows:N0} {unit}", Percent(result.FloatMetric), Percent(result.Int8Metric), Points(result),
            Format.Ms(result.FloatSeconds), Format.Ms(result.Int8Seconds), Format.Ratio(result.Speedup));
        section.Targets.Add(new Target($"int8 accuracy change, {name.Split(',')[0]} test set (same trained model)", change,
            $"≤ {GoalPoints:F2} points", Math.Abs(change) <= GoalPoints, $"{change:+0.00;-0.00;0.00} points"));
    }

    private static string Points(Int8Comparison.Result r) => ((r.Int8Metric - r.FloatMetric) * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " points";

    private static string Percent(double value) => (value * 100).ToString("F2", CultureInfo.InvariantCulture) + "%";

    private static Int8Comparison.Result FashionMnistRows(BenchSettings settings, BenchProgress.Step step)
    {
        var ml = new MLContext(seed: 1);
        var train = FashionMnist.Load("train");
        var test = FashionMnist.Load("test");
        if (settings.Int8TrainRows > 0 && settings.Int8TrainRows < train.Count)
            train = train.Take(settings.Int8TrainRows);
        step.Advance("Fashion-MNIST loaded, training");
        var trainData = ml.Data.LoadFromEnumerable(Images(train));
        var testData = ml.Data.LoadFromEnumerable(Images(test));
        var featurize = ml.Transforms.ImageRows("Features", FashionMnistSplit.Height, FashionMnistSplit.Width, nameof(Image.Pixels), normalize: false)
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Fit(trainData);
        // The example's network and optimizer (examples/FashionMnistRows), fewer epochs.
        using var model = ml.MulticlassClassification.Trainers.Rnn(new RnnTrainerOptions
        {
            CellType = RnnCellType.Lstm, HiddenSize = 128, NumLayers = 2, Epochs = settings.Int8Epochs, BatchSize = 128, LearningRate = 2e-3f,
            GradientClipNorm = 5f, Seed = 1, Device = "cpu",
        }).Fit(ml.Data.Cache(featurize.Transform(trainData)));
        model.IntraOpNumThreads = settings.OrtThreads;
        var testRows = ml.Data.Cache(featurize.Transform(testData));
        return Int8Comparison.Run(model, testRows, scored => ml.MulticlassClassification.Evaluate(scored).MicroAccuracy);
    }

    private static Int8Comparison.Result PosTagger(BenchSettings settings, BenchProgress.Step step)
    {
        var ml = new MLContext(seed: 1);
        var sentences = BrownCorpus.Load(_ => { }).Select(s => s.WithUniversalTags()).ToArray();
        // The example's split (examples/PosTagger, seed 1): 10% test; the training part is 95% of the rest.
        var split = DataSplit.Random(sentences, testFraction: 0.1, seed: 1);
        var fit = DataSplit.Random(split.Train, testFraction: 0.05, seed: 1);
        var trainSentences = settings.Int8TrainRows > 0 ? fit.Train.Take(settings.Int8TrainRows).ToArray() : fit.Train;
        step.Advance("Brown corpus loaded, training");
        IDataView Load(IEnumerable<TaggedSentence> part) =>
            ml.Data.LoadFromEnumerable(part.Select(s => new Sentence { Words = s.Words, Tags = s.Tags }));
        var prepare = ml.Transforms.Text.EmbeddingIndices(new EmbeddingIndicesOptions
        {
            InputColumnName = nameof(Sentence.Words), OutputColumnName = "Features", Tokenization = TextTokenization.None, CaseSensitive = false,
            MaximumVocabularySize = 30_000, MinimumFrequency = 2,
        })
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", nameof(Sentence.Tags), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue))
            .Fit(Load(trainSentences));
        using var model = ml.Rnn().SequenceLabeling(new RnnTrainerOptions
        {
            CellType = RnnCellType.Lstm, Bidirectional = true, EmbeddingSize = 64, HiddenSize = 64, Dropout = 0.3f, Epochs = settings.Int8Epochs,
            BatchSize = 32, LearningRate = 2e-3f, GradientClipNorm = 5f, Seed = 1, Device = "cpu",
        }).Fit(ml.Data.Cache(prepare.Transform(Load(trainSentences))));
        model.IntraOpNumThreads = settings.OrtThreads;
        var testRows = ml.Data.Cache(prepare.Transform(Load(split.Test)));
        return Int8Comparison.Run(model, testRows, scored => ml.Rnn().EvaluateSequenceLabeling(scored).TokenAccuracy);
    }

    private static IEnumerable<Image> Images(FashionMnistSplit split) =>
        Enumerable.Range(0, split.Count).Select(i => new Image { Pixels = split.Pixels[i], Label = FashionMnistSplit.ClassNames[split.Labels[i]] });

    private sealed class Image
    {
        [VectorType(FashionMnistSplit.PixelCount)]
        public float[] Pixels { get; set; } = [];

        public string Label { get; set; } = "";
    }

    private sealed class Sentence
    {
        public string[] Words { get; set; } = [];

        public string[] Tags { get; set; } = [];
    }
}
