using System.Globalization;

namespace Rnn.Benchmarks.Harness;

/// <summary>
/// Sizes of every benchmark, each settable as <c>--name value</c> on the command line. The defaults keep a full run
/// within a few minutes on a 2-core machine; <c>--quick</c> shrinks them for a smoke test (figures then mean little).
/// </summary>
internal sealed class BenchSettings
{
    /// <summary>Timed rounds per comparison (after one warm-up round); medians are reported.</summary>
    public int Repeats { get; private set; } = 3;

    /// <summary>Rows of the training-overhead data set (28 steps × 28 features).</summary>
    public int TrainingRows { get; private set; } = 256 * 16;

    /// <summary>Timed rounds of the training comparison (its epochs vary by ±10% on a shared machine, so it gets more).</summary>
    public int TrainingRounds { get; private set; } = 5;

    /// <summary>Epochs per timed round of the training comparison.</summary>
    public int TrainingEpochs { get; private set; } = 3;

    /// <summary>Rows per epoch of the main example's network in the training kernel-time comparison (Fashion-MNIST has 60,000).</summary>
    public int MainExampleRows { get; private set; } = 60_000;

    /// <summary>Rows of each data set (fixed and mixed lengths) in the variable-length training comparison.</summary>
    public int VariableLengthRows { get; private set; } = 3_072;

    /// <summary>Epochs per Fit in the variable-length training comparison.</summary>
    public int VariableLengthEpochs { get; private set; } = 2;

    /// <summary>Timed rounds per configuration of the variable-length training comparison (medians of 3, as issue 22 asks).</summary>
    public int VariableLengthRounds { get; private set; } = 3;

    /// <summary>Sequences of lengths 10..190 scored per pass in the variable-length scoring comparison.</summary>
    public int VariableLengthScoringRows { get; private set; } = 2_048;

    /// <summary>Rows (batches of 256) trained per timed round of the LSTM 256 hardware-efficiency run.</summary>
    public int HardwareRows { get; private set; } = 256 * 8;

    /// <summary>Sequences scored per pass in the bulk scoring comparison.</summary>
    public int ScoringRows { get; private set; } = 10_000;

    /// <summary>Timed single-sequence calls per latency figure.</summary>
    public int LatencyCalls { get; private set; } = 3_000;

    /// <summary>Epochs the examples' networks train for the int8 accuracy comparison (the examples themselves train 10–15).</summary>
    public int Int8Epochs { get; private set; } = 1;

    /// <summary>Training rows (images; sentences for the tagger) of the int8 accuracy comparison; 0 takes the examples' whole training parts.</summary>
    public int Int8TrainRows { get; private set; }

    /// <summary>Epochs of the long training run whose resident memory is compared (epoch 2 vs the last).</summary>
    public int MemoryEpochs { get; private set; } = 10;

    /// <summary>Rows per epoch of that long run.</summary>
    public int MemoryRows { get; private set; } = 256 * 16;

    /// <summary>Rows of the generated, streamed data set whose training peak memory is measured.</summary>
    public int StreamedRows { get; private set; } = 1_000_000;

    /// <summary>Most epochs Rnn.MLNet gets on the integer-sequence task.</summary>
    public int SeedEpochs { get; private set; } = 30;

    /// <summary>Most epochs the tutorial's way gets (the tutorial ran 500).</summary>
    public int TutorialEpochs { get; private set; } = 500;

    /// <summary>Wall-clock cap for the tutorial's way, in seconds.</summary>
    public int TutorialSeconds { get; private set; } = 45;

    /// <summary>
    /// Intra-op threads for libtorch and ONNX Runtime in every compared path (libtorch's process-wide count, RnnTransformer
    /// IntraOpNumThreads, RnnOnnxScorer and ApplyOnnxModel sessions, the bare sessions); 0 keeps each runtime's default (one per
    /// core). The default is 1: on a machine shared with other busy processes, runtimes that wait on each other's threads
    /// slow down by large and varying factors, which would drown the ratios and stretch the run. Each benchmark also
    /// shows the runtime defaults beside it.
    /// </summary>
    public int Threads { get; private set; } = 1;

    /// <summary><see cref="Threads"/> as ONNX Runtime / RnnTransformer take it: null for the runtime's default.</summary>
    public int? OrtThreads => Threads > 0 ? Threads : null;

    /// <summary>Where the Markdown report goes; "-" prints it only.</summary>
    public string? Output { get; private set; }

    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new BenchSettings();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name == "--quick")
            {
                settings.Quick();
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                throw new ArgumentException($"Unexpected argument '{name}'; options are --name value pairs (see BenchSettings) or --quick.");
            string value = args[++i];
            switch (name)
            {
                case "--output": settings.Output = value; break;
                case "--repeats": settings.Repeats = Positive(name, value); break;
                case "--training-rows": settings.TrainingRows = Positive(name, value); break;
                case "--training-epochs": settings.TrainingEpochs = Positive(name, value); break;
                case "--training-rounds": settings.TrainingRounds = Positive(name, value); break;
                case "--main-rows": settings.MainExampleRows = Positive(name, value); break;
                case "--varlen-rows": settings.VariableLengthRows = (Positive(name, value) + 1) / 2 * 2; break; // even: rows come in pairs of mirrored lengths
                case "--varlen-epochs": settings.VariableLengthEpochs = Positive(name, value); break;
                case "--varlen-rounds": settings.VariableLengthRounds = Positive(name, value); break;
                case "--varscore-rows": settings.VariableLengthScoringRows = (Positive(name, value) + 1) / 2 * 2; break;
                case "--hardware-rows": settings.HardwareRows = Positive(name, value); break;
                case "--scoring-rows": settings.ScoringRows = Positive(name, value); break;
                case "--latency-calls": settings.LatencyCalls = Positive(name, value); break;
                case "--int8-epochs": settings.Int8Epochs = Positive(name, value); break;
                case "--int8-train-rows": settings.Int8TrainRows = Positive(name, value); break;
                case "--memory-epochs": settings.MemoryEpochs = Math.Max(3, Positive(name, value)); break;
                case "--memory-rows": settings.MemoryRows = Positive(name, value); break;
                case "--streamed-rows": settings.StreamedRows = Positive(name, value); break;
                case "--seed-epochs": settings.SeedEpochs = Positive(name, value); break;
                case "--tutorial-epochs": settings.TutorialEpochs = Positive(name, value); break;
                case "--tutorial-seconds": settings.TutorialSeconds = Positive(name, value); break;
                case "--threads": settings.Threads = value == "0" ? 0 : Positive(name, value); break;
                default: throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        return settings;
    }

    /// <summary>The options that reproduce these sizes, for the report and for child processes.</summary>
    public string[] ToArgs() =>
    [
        "--repeats", Str(Repeats), "--training-rows", Str(TrainingRows), "--training-epochs", Str(TrainingEpochs), "--training-rounds", Str(TrainingRounds),
        "--main-rows", Str(MainExampleRows),
        "--varlen-rows", Str(VariableLengthRows), "--varlen-epochs", Str(VariableLengthEpochs), "--varlen-rounds", Str(VariableLengthRounds),
        "--varscore-rows", Str(VariableLengthScoringRows),
        "--hardware-rows", Str(HardwareRows), "--scoring-rows", Str(ScoringRows), "--latency-calls", Str(LatencyCalls),
        "--int8-epochs", Str(Int8Epochs), .. (Int8TrainRows > 0 ? new[] { "--int8-train-rows", Str(Int8TrainRows) } : []),
        "--memory-epochs", Str(MemoryEpochs), "--memory-rows", Str(MemoryRows), "--streamed-rows", Str(StreamedRows),
        "--seed-epochs", Str(SeedEpochs), "--tutorial-epochs", Str(TutorialEpochs), "--tutorial-seconds", Str(TutorialSeconds),
        "--threads", Str(Threads),
    ];

    private void Quick()
    {
        Repeats = 1;
        TrainingRows = 256 * 4;
        TrainingEpochs = 1;
        TrainingRounds = 1;
        MainExampleRows = 256 * 8;
        VariableLengthRows = 256;
        VariableLengthEpochs = 1;
        VariableLengthRounds = 1;
        VariableLengthScoringRows = 256;
        HardwareRows = 256 * 2;
        ScoringRows = 1_000;
        LatencyCalls = 200;
        Int8TrainRows = 2_000;
        MemoryEpochs = 3;
        MemoryRows = 256 * 2;
        StreamedRows = 20_000;
        SeedEpochs = 5;
        TutorialEpochs = 2;
        TutorialSeconds = 5;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException($"{name} needs a whole number ≥ 1, not '{value}'.");

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
