using Microsoft.ML;

namespace Rnn.MLNet.Tests;

/// <summary>One step of one of many test series.</summary>
public sealed class PanelRow
{
    public string Id { get; set; } = "";

    public float Value { get; set; }

    public float Size { get; set; }

    public int Time { get; set; }
}

/// <summary>Related series of very different sizes (the same seasonal shape times a size), with Gaussian-ish noise, rows interleaved.</summary>
public static class SyntheticPanel
{
    public static readonly string[] Ids = ["small", "medium", "large"];
    public static readonly float[] Sizes = [2f, 100f, 5000f];

    public static PanelRow[] Generate(int length, int seed = 1, float noise = 0.08f, string[]? ids = null, float[]? sizes = null)
    {
        ids ??= Ids;
        sizes ??= Sizes;
        var random = new Random(seed);
        var rows = new List<PanelRow>();
        for (int t = 0; t < length; t++)
        {
            for (int k = 0; k < ids.Length; k++)
            {
                double shape = 1 + 0.3 * Math.Sin(2 * Math.PI * t / 12) + 0.002 * t;
                double gaussian = random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5;
                rows.Add(new PanelRow { Id = ids[k], Value = (float)(sizes[k] * shape * (1 + noise * gaussian)), Size = sizes[k], Time = t });
            }
        }

        return [.. rows];
    }

    public static IDataView Load(MLContext ml, IEnumerable<PanelRow> rows) => ml.Data.LoadFromEnumerable(rows);

    public static RnnForecasterOptions Options(int window = 24, int horizon = 6, float[]? quantiles = null, int epochs = 15) => new()
    {
        SeriesColumnName = nameof(PanelRow.Value),
        SeriesIdColumnName = nameof(PanelRow.Id),
        TimeColumnName = nameof(PanelRow.Time),
        WindowSize = window,
        Horizon = horizon,
        Level = RnnForecastLevel.WindowMean,
        Quantiles = quantiles ?? [],
        Trainer = new RnnTrainerOptions
        {
            CellType = RnnCellType.Lstm,
            HiddenSize = 16,
            Epochs = epochs,
            BatchSize = 32,
            LearningRate = 0.01f,
            Seed = 5,
            Device = "cpu",
        },
    };
}
