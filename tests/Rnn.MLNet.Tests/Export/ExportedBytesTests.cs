using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.MLNet.Tests;

/// <summary>
/// The exact bytes every export path writes for fixed weights, pinned by SHA-256: what <see cref="RnnTransformer.ExportOnnx(Stream)"/>
/// writes (the batched graph), what <c>mlContext.Model.Save</c> stores (the single-row graph), what
/// <see cref="RnnTransformer.ExportTritonModel"/> writes (model, config and labels; the stateful graph when streaming) and what
/// <see cref="RnnForecaster.ExportOnnx(Stream)"/> writes, for every cell × direction × task (classification with each pooling,
/// labeling, regression with and without a linear skip, token inputs) and for forecasters of every level handling. The hashes
/// (testdata/exported-bytes.sha256) were recorded from the code before the task heads were introduced (issue 19): a
/// refactoring must not change one byte.
/// </summary>
/// <remarks>
/// A model's <c>producer_version</c> (field 3 of ONNX's ModelProto) is the library's build version, not part of the graph, so it
/// is left out of each hash; everything else, the producer name included, counts. The weights come from <see cref="Random"/>
/// with fixed seeds (<see cref="FixedNetworks"/>), never from libtorch.
/// </remarks>
[TestClass]
public sealed class ExportedBytesTests
{
    private static readonly RnnCellType[] Cells = [RnnCellType.Tanh, RnnCellType.Relu, RnnCellType.Lstm, RnnCellType.Gru];

    private static readonly (FixedTask Task, FixedInput Input)[] Networks =
    [
        (FixedTask.ClassifyLast, FixedInput.FloatSteps),
        (FixedTask.ClassifyMax, FixedInput.FloatSteps),
        (FixedTask.ClassifyMean, FixedInput.FloatSteps),
        (FixedTask.Label, FixedInput.FloatSteps),
        (FixedTask.Regress, FixedInput.FloatSteps),
        (FixedTask.RegressWithSkip, FixedInput.FloatSteps),
        (FixedTask.ClassifyLast, FixedInput.Embedding),
        (FixedTask.Label, FixedInput.OneHot),
        (FixedTask.Regress, FixedInput.Embedding),
    ];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void EveryExportPathWritesThePinnedBytes()
    {
        var actual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var ml = new MLContext(seed: 1);
        string repository = Scratch.Folder(TestContext);
        int seed = 0;
        foreach (var cell in Cells)
        {
            foreach (bool bidirectional in new[] { false, true })
            {
                foreach (var (task, input) in Networks)
                {
                    int layers = task is FixedTask.ClassifyLast or FixedTask.Label ? 2 : 1;
                    var network = FixedNetworks.Create(cell, bidirectional, layers, task, input, seed: ++seed);
                    string name = $"{cell}/{(bidirectional ? "bi" : "uni")}/{task}/{input}";
                    AddModelExports(actual, ml, name, network, task, input, repository);
                }

                int index = Array.IndexOf(Cells, cell) * 2 + (bidirectional ? 1 : 0);
                AddForecaster(actual, ml, $"{cell}/{(bidirectional ? "bi" : "uni")}/forecaster", cell, bidirectional, index, seed: ++seed);
            }
        }

        var recorded = Recorded();
        string listing = string.Join("\n", actual.Select(p => $"{p.Key} {p.Value}"));
        TestContext.WriteLine(listing);
        var changed = actual.Where(p => recorded.GetValueOrDefault(p.Key) != p.Value).Select(p => p.Key).ToList();
        var missing = recorded.Keys.Where(k => !actual.ContainsKey(k)).ToList();
        Assert.IsEmpty(missing, $"Exports no longer written: {string.Join(", ", missing)}");
        Assert.IsEmpty(changed, $"{changed.Count} of {actual.Count} exports differ from the pinned bytes: {string.Join(", ", changed)}");
    }

    private static void AddModelExports(
        IDictionary<string, string> hashes, MLContext ml, string name, RecurrentNetworkDescription network, FixedTask task, FixedInput input, string repository)
    {
        bool regression = task is FixedTask.Regress or FixedTask.RegressWithSkip;
        // Fixed-length rows for the skip (it reads positions of a whole row) and for the first classifier (ML.NET's FixedSteps).
        bool fixedLength = task == FixedTask.RegressWithSkip || (task == FixedTask.ClassifyLast && input == FixedInput.FloatSteps);
        VectorDataViewType featureType = input == FixedInput.FloatSteps
            ? new VectorDataViewType(NumberDataViewType.Single, fixedLength ? FixedNetworks.FixedSteps * FixedNetworks.InputSize : 0)
            : new VectorDataViewType(new KeyDataViewType(typeof(uint), FixedNetworks.Vocabulary.Length), 0);
        using var model = new RnnTransformer(HostContext.From(ml), network, new RnnColumnNames("Features", "Score", "PredictedLabel"), featureType,
            regression ? null : LabelInfo.FromClassNames(network.ClassNames), scoringBatchSize: 32, maximumSequenceLength: 0,
            scalarScore: regression && network.Head.Outputs == 1);

        using (var batched = new MemoryStream())
        {
            model.ExportOnnx(batched);
            hashes[$"{name}/batched"] = OnnxHash(batched.ToArray());
        }

        hashes[$"{name}/single-row"] = OnnxHash(SavedOnnx(ml, model));

        if (regression)
            return;
        var folder = model.ExportTritonModel(repository, $"m{hashes.Count}", new TritonExportOptions { InstanceKind = TritonInstanceKind.Cpu });
        hashes[$"{name}/triton-config"] = FileHash(Path.Combine(folder, "config.pbtxt"));
        hashes[$"{name}/triton-labels"] = FileHash(Path.Combine(folder, "labels.txt"));
        if (network.Bidirectional || network.Pooling != RnnPooling.Last)
            return;
        var stream = model.ExportTritonModel(repository, $"s{hashes.Count}", new TritonExportOptions { Streaming = true, MaxBatchSize = 8 });
        hashes[$"{name}/stateful"] = OnnxHash(File.ReadAllBytes(Path.Combine(stream, "1", "model.onnx")));
        hashes[$"{name}/stateful-config"] = FileHash(Path.Combine(stream, "config.pbtxt"));
    }

    /// <summary>A forecaster whose settings turn with <paramref name="index"/>: every level handling, covariates, a season, grouped steps, an ensemble, the skip.</summary>
    private static void AddForecaster(IDictionary<string, string> hashes, MLContext ml, string name, RnnCellType cell, bool bidirectional, int index, int seed)
    {
        var level = (RnnForecastLevel)(index % Enum.GetValues<RnnForecastLevel>().Length);
        int covariates = index % 2 == 1 ? 2 : 0;
        int grouped = index % 4 == 3 ? 2 : 1;
        int season = covariates > 0 && index % 4 == 1 ? 3 : 0;
        bool skip = index % 3 == 0;
        int members = index == 5 ? 2 : 1;
        var window = new ForecastWindow(6, 4, level, valueMean: 0.25f, valueScale: 3f,
            [.. Enumerable.Range(0, covariates).Select(i => $"x{i}")], [.. Enumerable.Repeat(1.5f, covariates)], [.. Enumerable.Repeat(0.75f, covariates)],
            grouped, season);
        var networks = Enumerable.Range(0, members)
            .Select(m => FixedNetworks.Forecaster(cell, bidirectional, layers: 1 + index % 2, window, skip, seed * 10 + m))
            .ToList();
        var columns = new ForecasterColumns("y", [.. window.CovariateNames], covariates > 0 ? "time" : null, "Forecast", [], null);
        using var forecaster = new RnnForecaster(HostContext.From(ml), networks, window, null, null, columns);
        using var bytes = new MemoryStream();
        forecaster.ExportOnnx(bytes);
        hashes[$"{name}/{level}/c{covariates}/g{grouped}/s{season}/{(skip ? "skip" : "noskip")}/m{members}"] = OnnxHash(bytes.ToArray());
    }

    /// <summary>The ONNX model <c>mlContext.Model.Save</c> stores for <paramref name="model"/> (ML.NET writes it length-prefixed).</summary>
    private static byte[] SavedOnnx(MLContext ml, RnnTransformer model)
    {
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(model.FeatureColumnName, model.FeatureType);
        using var file = new MemoryStream();
        ml.Model.Save(model, schema.ToSchema(), file);
        file.Position = 0;
        using var zip = new ZipArchive(file, ZipArchiveMode.Read);
        var entry = zip.Entries.Single(e => e.Name == "OnnxModel");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        Assert.AreEqual(bytes.Length - 4, BinaryPrimitives.ReadInt32LittleEndian(bytes));
        return bytes[4..];
    }

    /// <summary>SHA-256 of an ONNX model without its <c>producer_version</c> (top-level field 3).</summary>
    private static string OnnxHash(byte[] model)
    {
        var input = new CodedInputStream(model);
        using var kept = new MemoryStream();
        while (true)
        {
            long start = input.Position;
            uint tag = input.ReadTag();
            if (tag == 0)
                break;
            input.SkipLastField();
            if (WireFormat.GetTagFieldNumber(tag) != 3)
                kept.Write(model, (int)start, (int)(input.Position - start));
        }

        return Convert.ToHexStringLower(SHA256.HashData(kept.ToArray()));
    }

    private static string FileHash(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>The hashes recorded before the refactoring (testdata/exported-bytes.sha256; lines starting with # are comments).</summary>
    private static Dictionary<string, string> Recorded() => File.ReadAllLines(TestData.Path("Export", "testdata", "exported-bytes.sha256"))
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => line.Split(' '))
        .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

}
