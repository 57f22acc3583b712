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
/// were recorded from the code before the task heads were introduced (issue 19): a refactoring must not change one byte.
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
        var columns = new ForecasterColumns("y", [.. window.CovariateNames], covariates > 0 ? "time" : null, "Forecast");
        using var forecaster = new RnnForecaster(HostContext.From(ml), networks, window, columns);
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

    private static Dictionary<string, string> Recorded() => PinnedHashes
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.Split(' '))
        .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

    // Recorded at commit 1e4822f (before issue 19's refactoring) by this test's own listing (TestContext output).
    private const string PinnedHashes = """
        Gru/bi/ClassifyLast/Embedding/batched 7c0d7a7799e29997c6ae0ebec7f33317d9d0f0c0ed1a87bd4a68d64c5ff78c4d
        Gru/bi/ClassifyLast/Embedding/single-row 09cbbbcc5d32ffc70f6f369272a5728d170bdb5105ca0a671c5d605c0be55730
        Gru/bi/ClassifyLast/Embedding/triton-config 5d50a5071acdddb4f4a7ce58b388defac28662d9fdb11e0e41dad80afe9a7cf4
        Gru/bi/ClassifyLast/Embedding/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Gru/bi/ClassifyLast/FloatSteps/batched 3044662e73731fa50ad561d3457150055ee04f0d340744ad840fe1ecda2ff9fc
        Gru/bi/ClassifyLast/FloatSteps/single-row a0638b275a011768e4dff9f18816aa5d51403dc2192661f71b2310f6fa9d79a3
        Gru/bi/ClassifyLast/FloatSteps/triton-config 49d1ad67d08e7743567ac2e6e8bf356e14a86786670f20e3a479e0a8bedcc294
        Gru/bi/ClassifyLast/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Gru/bi/ClassifyMax/FloatSteps/batched cc4686a5d1a6cdabff4d9cc360559cbc8a62729b9500cee17668dcc437e793c2
        Gru/bi/ClassifyMax/FloatSteps/single-row 487a5ee0c08f0248462049835f6aa10350a3ffa63951fc3a5d22cace1e7966d6
        Gru/bi/ClassifyMax/FloatSteps/triton-config ebfd28e9db3b74a1ca89e510399532872ea28bb12c23f94e7c34d29f022c5a47
        Gru/bi/ClassifyMax/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Gru/bi/ClassifyMean/FloatSteps/batched 7145fc920405a2df9d402f4739ad41117597bdc82ac89e5524a50aedc4c96720
        Gru/bi/ClassifyMean/FloatSteps/single-row f1bc4c3aeff6d72af1a9f74a5fab77f934daf0953c38a1beb3c2ba9dc9e18662
        Gru/bi/ClassifyMean/FloatSteps/triton-config 522d35eda6f8b4acd772e5d05a1fffe66a7f6476e1e9fb6bcc72810f41500392
        Gru/bi/ClassifyMean/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Gru/bi/Label/FloatSteps/batched f5beedd3cf4869c09bc6314b6a2600fd6e28f1df38cb2da6b0086cab605ffc16
        Gru/bi/Label/FloatSteps/single-row e6c8fcfeec8a96b407b9ee0b85721ddfff348b7f6eb6ebb5e8dc75db1e26253a
        Gru/bi/Label/FloatSteps/triton-config 38d6941fc7b33a45e499f517f4308b952b7f70d05ea1ec73604bb9d86622192a
        Gru/bi/Label/FloatSteps/triton-labels e43507e54282fd7da43866fa99b27d64a9c59bd384b83045d5bdff538042d599
        Gru/bi/Label/OneHot/batched 12c457d0209e3a7b489a7b4eb3dc1e1d4c4ed028b8be2b958897fb628b84f2d0
        Gru/bi/Label/OneHot/single-row c761461e0a8f82259b476dda98e84846162e69b19d112804d2e363e7de8b1111
        Gru/bi/Label/OneHot/triton-config 3d18df9d71da733b55ca8bf4ef8cb0be0722aeabc84d2011345419fc21ba1eb9
        Gru/bi/Label/OneHot/triton-labels e43507e54282fd7da43866fa99b27d64a9c59bd384b83045d5bdff538042d599
        Gru/bi/Regress/Embedding/batched bb99640b4828e5d6d8d06742e65367b4b9c53e3c76ffa7f463363bb6bee3f5e3
        Gru/bi/Regress/Embedding/single-row 5c17802d2a35322c30ca834d12f096f369a336830252f29cac17f265fbafc860
        Gru/bi/Regress/FloatSteps/batched 8458ea552161dfd4cc466cab94ffc45e0ad8cf1fcdd1b0bd7347ebfd61661071
        Gru/bi/Regress/FloatSteps/single-row d1d1ab1a2776eeeef92c00aa247175e9029d0a2d4da6695dd952bdf642650fb4
        Gru/bi/RegressWithSkip/FloatSteps/batched eb389257809efb9bb0c317cfc3007c2834fbb83d4307e951951e4f2ffc4f4700
        Gru/bi/RegressWithSkip/FloatSteps/single-row f96ba341470dfe3c47256c244b33b61c96b540a391ac42e18e1504dfc8ef23a5
        Gru/bi/forecaster/WindowMean/c2/g2/s0/noskip/m1 5bd3f3bf7a9ff10af7968d282f31a7d8eecd68ccf32d3f7378a04ae425a5b485
        Gru/uni/ClassifyLast/Embedding/batched cf9886386ee3514e31f150a28af41f2c80c46ac707ab751e7bcd76f52efb73b9
        Gru/uni/ClassifyLast/Embedding/single-row 1c58a3098172287194f4f16f4a5c69d997986892fac2f441c43156896681c9d6
        Gru/uni/ClassifyLast/Embedding/stateful b5447286186440aff6e597fb67baaedd5adfd9b70c3e651bb5a3afdc85f3e3bb
        Gru/uni/ClassifyLast/Embedding/stateful-config 3e554d01aaa0088c23ce31bb7a3606d0551d9830d7eae58ab13534bc9aa57e19
        Gru/uni/ClassifyLast/Embedding/triton-config b94e4bb1811adba766cf0ae12e5914f670c4145dfda52ac4c4945cc4b41ff422
        Gru/uni/ClassifyLast/Embedding/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Gru/uni/ClassifyLast/FloatSteps/batched dfd633b7f63198d7f9bfc35f5d58970122cfda6969560ff917f8e08b5f165575
        Gru/uni/ClassifyLast/FloatSteps/single-row 79bf57514daa70cfbd9d934dd259c4717ed89684e16abff4047fcf4078b749fb
        Gru/uni/ClassifyLast/FloatSteps/stateful b7dff3fe8bd0a43c5ca25575beb1aecf65cc57d5f7271e963863321910588701
        Gru/uni/ClassifyLast/FloatSteps/stateful-config 5f1b5faa23d8425efb34697b5f1cf42efe1e130c82fa7a0eb0d6c3c8217e0a26
        Gru/uni/ClassifyLast/FloatSteps/triton-config 7e0c02dd40455369f5ee4fc7fd95f05e157a0dd45530944daad171c1b290274b
        Gru/uni/ClassifyLast/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Gru/uni/ClassifyMax/FloatSteps/batched 3ef58f00ba8087e0ac227aeb2f4be70b2e2bbc64c74eb94f886305056dd2bfdd
        Gru/uni/ClassifyMax/FloatSteps/single-row 0ac5e2cc7613bf40e282e7e3ec6624201e28fc4c30dbaa36e665464b2bf422c6
        Gru/uni/ClassifyMax/FloatSteps/triton-config bee8312a35773500fc9854f02eba03e31ab0da90e306cba327b569c51eb627d7
        Gru/uni/ClassifyMax/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Gru/uni/ClassifyMean/FloatSteps/batched 525786d42ad2da5c00cb0f87df74c6ce168aa6484739fadbd045942cff1a67ba
        Gru/uni/ClassifyMean/FloatSteps/single-row 2d9e62d6e5ad0e3e24dd60fdc79319046ae4f16926d55c05ccb70d570e92f0aa
        Gru/uni/ClassifyMean/FloatSteps/triton-config dd2082b74eb86fb30af20311294a58a70e7869fcf72ffba89c6cd4a53d59ae54
        Gru/uni/ClassifyMean/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Gru/uni/Label/FloatSteps/batched fa1b9ad900ce79fd65dc743b63338fe2f80a4c71357c7ee073a4032863d89495
        Gru/uni/Label/FloatSteps/single-row 9a9bff72f039323348721485539f6d0493517d6f4716e843768dfaf5c0cfde64
        Gru/uni/Label/FloatSteps/stateful 88757adee079b2c0b306557985b47b83263da92003a074ff3c3892549702cf7a
        Gru/uni/Label/FloatSteps/stateful-config ca1b7b3f7cc956e99d2d26fe8281960e42eb573761ef7a15297c027d65de44a9
        Gru/uni/Label/FloatSteps/triton-config b6e436ccaf5ee2fa243ebbebe0d53909a54f4030645823d1fe8d630e7cf3ebba
        Gru/uni/Label/FloatSteps/triton-labels e43507e54282fd7da43866fa99b27d64a9c59bd384b83045d5bdff538042d599
        Gru/uni/Label/OneHot/batched fd169bb4651805d20942695f98caa0295ee7fabdcdf47046ce17be6b788e63ba
        Gru/uni/Label/OneHot/single-row 6180154f5a32f4a9dc15003af159983992ad8998f05249f14690b2b1fea5d4e6
        Gru/uni/Label/OneHot/stateful 461e766a68955980fc6e256074963dfdb1ff59c800c9ef25b55df211ffe93250
        Gru/uni/Label/OneHot/stateful-config 1a61a326ebef140e95590800bb76d05e146b760f031d743663acab6bea0f0386
        Gru/uni/Label/OneHot/triton-config 0e63043d9cab03027904f4d4c22f4aed7b882edddbae9775f863dd7712739fe7
        Gru/uni/Label/OneHot/triton-labels e43507e54282fd7da43866fa99b27d64a9c59bd384b83045d5bdff538042d599
        Gru/uni/Regress/Embedding/batched 57ee1e93aac89c46f78843f61d32dc07b6e1b2ad69a26bc296d96848f6f73657
        Gru/uni/Regress/Embedding/single-row bbef1971c6a997947217370bad3f9f785f1e8ee819cf2893eaa4cc194d36ee5d
        Gru/uni/Regress/FloatSteps/batched 5d9df9a0cb9406e56ce90adb36a617c90b80e6a63f7b6c148a2311a4bfe2ac43
        Gru/uni/Regress/FloatSteps/single-row 8671178852a2ca4ee80b4c9b89baaeead5ba59a61a60cf10598989a9711ab54b
        Gru/uni/RegressWithSkip/FloatSteps/batched 669f2f892d1951536e79dd0ce9ff60634b2106074a34a685f444af7241edbda3
        Gru/uni/RegressWithSkip/FloatSteps/single-row d3b7b763b80766f80096622871124499d71a3da7dd33807d03fdad4befe57012
        Gru/uni/forecaster/LastValue/c0/g1/s0/skip/m1 6c0e5df11faab87ed386d3cf68b6336070ecfca7979045cb6f0fc04ffcbac608
        Lstm/bi/ClassifyLast/Embedding/batched 2032cf524c750da8fe179741e6823584c8a3cafdc9358a818df871fabc0d20cf
        Lstm/bi/ClassifyLast/Embedding/single-row 010ed4be9da6b4b9f537bb6395d5ffd50c99e4677df1ce25f47a52a1f1098238
        Lstm/bi/ClassifyLast/Embedding/triton-config 42873d36983cdd724e232d23a8e0ace8d168348e110de6028beacb93f5e3d4aa
        Lstm/bi/ClassifyLast/Embedding/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Lstm/bi/ClassifyLast/FloatSteps/batched 461f4f8f1dfc4a048400c859218d2d16a2ddceb0249f7f9ed44f39b94fbea582
        Lstm/bi/ClassifyLast/FloatSteps/single-row f309671c6c1e77ab577baefd2a838dbef9ad2add1a9f4f5841c9558c35204053
        Lstm/bi/ClassifyLast/FloatSteps/triton-config 0d426f1a2f6002436954c3d7ba54e92bcb244237469cdaa081cc01cbcca23915
        Lstm/bi/ClassifyLast/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Lstm/bi/ClassifyMax/FloatSteps/batched 189d38d697c10b731d49b68c3cc19ee61f2d5652b16d0e248934f76628363cdf
        Lstm/bi/ClassifyMax/FloatSteps/single-row 63036d6ff12b35bc7d3b112fa48fa4b3dde0cc66c9aa8499314a68fa329efaec
        Lstm/bi/ClassifyMax/FloatSteps/triton-config c079c223024c4a9e6dedd5e6931fcafe7b528a970ca4c8fcabaefa3632f82d91
        Lstm/bi/ClassifyMax/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Lstm/bi/ClassifyMean/FloatSteps/batched 6ac98c66c40ef8fc1a836a8909e43f02f1c474105a9a79bd104c26af9f351b6e
        Lstm/bi/ClassifyMean/FloatSteps/single-row c1870402cacb0f959b712818cd3ce7fd67a16036214cbd72c11447e7c5c731b6
        Lstm/bi/ClassifyMean/FloatSteps/triton-config f6e2a8bc757eaa94d56b78f868884dba9f2801022bf9f152055c130e19f1f10e
        Lstm/bi/ClassifyMean/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Lstm/bi/Label/FloatSteps/batched de63b2c821f3a1bc248f901a4fd7655d9ad7acfb939ce844e722fa5e9b8c392a
        Lstm/bi/Label/FloatSteps/single-row 3fa8d928774bd6c251d6fa6f727878620b91c078e814b8c779fe9f5ba9a9fbd3
        Lstm/bi/Label/FloatSteps/triton-config b853ec0e30e18ced7b34d36b8a9bcbead68311b36947dbf849ec267da0470e40
        Lstm/bi/Label/FloatSteps/triton-labels e43507e54282fd7da43866fa99b27d64a9c59bd384b83045d5bdff538042d599
        Lstm/bi/Label/OneHot/batched 7badacc5257b4eebeb79f66748b0e99d3d7fdbfcd223ff5c371190eb2462f663
        Lstm/bi/Label/OneHot/single-row 29c86dd6636dc574e36da6be848ccaddb488f80a3c78419fd584d771f4ecf69f
        Lstm/bi/Label/OneHot/triton-config e0e5c77b3ec5220426dcb63293cf48a60f348dc5612188daa0f02c6e966a23ad
        Lstm/bi/Label/OneHot/triton-labels e43507e54282fd7da43866fa99b27d64a9c59bd384b83045d5bdff538042d599
        Lstm/bi/Regress/Embedding/batched 1bb9b421bf4243909720a40339322242c4639972c6db86863ecb5b045503458e
        Lstm/bi/Regress/Embedding/single-row c0c063dc657e0ae5873d651a7dabc2d896fec97ad404b77fadba25f14eec74d8
        Lstm/bi/Regress/FloatSteps/batched c8d822018d69f5ec4007ae33e9aa530271216171d8359c9d20ecc4004ecb2b07
        Lstm/bi/Regress/FloatSteps/single-row f74d3b1c977d377c9b432ead36448ed9994e88fa7df36ccc6ba428ef719e6c6f
        Lstm/bi/RegressWithSkip/FloatSteps/batched 5ae968f458542a0c64390f66c71e3b1d98544f113961b62c3678bd8d41ecd3bc
        Lstm/bi/RegressWithSkip/FloatSteps/single-row 7d4e5cc49e76d1e790688c355723dbc5cab0938badc8c91772bce5d7b624ecce
        Lstm/bi/forecaster/None/c2/g1/s3/noskip/m2 193dec60b533be5f374bf5b02c1752b56acc51670c692eeafa583165bcebbea2
        Lstm/uni/ClassifyLast/Embedding/batched 5eb6e4ed803d0642e979caa91a5d033530c13e5e16b8b3790582028f21a71b99
        Lstm/uni/ClassifyLast/Embedding/single-row b0d9ef3111511870f5e4ae6d1b7582a22ba94293b5aa49276e5ca007ec7fbcc8
        Lstm/uni/ClassifyLast/Embedding/stateful 25b3a231ef7e282378627fa3b1aa61fc630dc0f702722ecfa0110bc04f3b1215
        Lstm/uni/ClassifyLast/Embedding/stateful-config 1572a009dd7b996c0043cec5972525462e36b53e4096500a035599f8a8834a61
        Lstm/uni/ClassifyLast/Embedding/triton-config 3401e484a389682db62c2fa4d47f9ef22ecc201cbadc270a48b4e3fe6e9abac4
        Lstm/uni/ClassifyLast/Embedding/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Lstm/uni/ClassifyLast/FloatSteps/batched d7e4b1d15f4e403c87dd5de9f50da59d3012bc8af75898c81a751eb74d21cb8e
        Lstm/uni/ClassifyLast/FloatSteps/single-row f7ee37d6fe8f8496a6cc0ee31d46c12e1ad14edab04bd3b0cb318311d978a214
        Lstm/uni/ClassifyLast/FloatSteps/stateful 235e89f291789f08a05b9471c793eade744025cba44af728567c782164f5ed4a
        Lstm/uni/ClassifyLast/FloatSteps/stateful-config 47a9b0b56eee4610da1b78758a3e63af8f1bd07a4285b392a351196b472e1d92
        Lstm/uni/ClassifyLast/FloatSteps/triton-config 0a3a9b09639243fc7273f893d8c59363a488bf4aae03588c66b95e8105890e6d
        Lstm/uni/ClassifyLast/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Lstm/uni/ClassifyMax/FloatSteps/batched 52179e5a5e7b2ff55ff219376ac50b0f4e07a012b5bd2b046f2914e9c8ac32ed
        Lstm/uni/ClassifyMax/FloatSteps/single-row a700bc5ffa4f6b5b15e06264a818ecbb60769aacf3f97f014b8bf88409023b8c
        Lstm/uni/ClassifyMax/FloatSteps/triton-config 51a1ab736bed48bddf61796617610ae208e6c5965c365c20f8ef0f4878893bcc
        Lstm/uni/ClassifyMax/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Lstm/uni/ClassifyMean/FloatSteps/batched f5275ad5c021eac5e8414588edc84d03ce3459c9b0d9d103df912ba1816b8607
        Lstm/uni/ClassifyMean/FloatSteps/single-row 421dbfceae45afe19a6d2ce8b0e945a81b9b0c226085d9a8c75520a3a98a86e6
        Lstm/uni/ClassifyMean/FloatSteps/triton-config be5d992f23b12cf1a3d44a1d9988babd1555d768577aedfd00c7b653022b8e36
        Lstm/uni/ClassifyMean/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Lstm/uni/Label/FloatSteps/batched 6b0f997a832d6c175db8802b23f1b7451535d6675746ad275fbad3a5c5773b3d
        Lstm/uni/Label/FloatSteps/single-row 20c0ce022d790a61618ce531792ea0e949162b9ee7d03bee26f95e5fce6ee648
        Lstm/uni/Label/FloatSteps/stateful af554f57b561aef130296bbc3b1f1aadf925565918c2597e0dbf693ec84f4852
        Lstm/uni/Label/FloatSteps/stateful-config 8fb4279615bd4c506feba759fa80b7a82b5a3c6044a5193ddcb3563ba5b62b2f
        Lstm/uni/Label/FloatSteps/triton-config 152ccd4f894162c38a733741267524e89909d53e9c6359a961758c77938b72c9
        Lstm/uni/Label/FloatSteps/triton-labels e43507e54282fd7da43866fa99b27d64a9c59bd384b83045d5bdff538042d599
        Lstm/uni/Label/OneHot/batched c1c42ee1fd2f0f7cb14ce79951e9afb41865753a5a9a11a78e3e6adf67b7760f
        Lstm/uni/Label/OneHot/single-row 96e4c6724c1dee64aef96f0f3c898366434ef0cd52b17dd5b9bdb7d35ffe6fa5
        Lstm/uni/Label/OneHot/stateful 58e7ebbc8e86429739074c8de57eb1fa570cd1f6893bc31f4d06208b91763beb
        Lstm/uni/Label/OneHot/stateful-config dc540c8c604ce88ebbeefc9e97903bbd67e86a5bc539eac5969908e50480748a
        Lstm/uni/Label/OneHot/triton-config 2f1e949d66cdb959469c2968d142ddb865f357672530c57efb9c91536e360c21
        Lstm/uni/Label/OneHot/triton-labels e43507e54282fd7da43866fa99b27d64a9c59bd384b83045d5bdff538042d599
        Lstm/uni/Regress/Embedding/batched f839040abd769d3c8e231554289c0754be5e62dedc1658479ded50ad1368505e
        Lstm/uni/Regress/Embedding/single-row b2b0454a0e475c127991dd49ed1bcb9f774f2731c10f9488f8b611c3305401f5
        Lstm/uni/Regress/FloatSteps/batched 3f956e5bb8835b237b80c1f507d721098e1ab5b1d1b8ffbe2ed4d8e7f3b5cfc0
        Lstm/uni/Regress/FloatSteps/single-row 635fc31a83e3bd32fdb974158b175a05bc2f24c8dcdd72a5df78ea29aa968533
        Lstm/uni/RegressWithSkip/FloatSteps/batched d2f2b61848b49250f25608a928ac2fcacfef11c9a0b704d08d8e8dedb97c0f08
        Lstm/uni/RegressWithSkip/FloatSteps/single-row 33e3282997f03cda91b1e67f2d01a3ff3b9b3f3ecc6cddd358e7f2fd49e77e5e
        Lstm/uni/forecaster/Differences/c0/g1/s0/noskip/m1 247b935177b451937280100843e14f6dbd11289b1fdba22f1d9fc9aa54b06a20
        Relu/bi/ClassifyLast/Embedding/batched 3c5adbb2ea80826cfecd2e710084f5e94afdc59f4cf072952af3694e01d889d2
        Relu/bi/ClassifyLast/Embedding/single-row a716e9b02d598ebbd03deda93f57993be0a1bfed5e1b30dc17399e58c6adb82b
        Relu/bi/ClassifyLast/Embedding/triton-config 9b749a1f691752ddb33ed4f0e5bbb73ddb3e96a298bad404588e187b678471c5
        Relu/bi/ClassifyLast/Embedding/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Relu/bi/ClassifyLast/FloatSteps/batched b5514475cc5caad1d5123ff2f3075ede6bc0fc825d7d5cae3db531cf47875e0f
        Relu/bi/ClassifyLast/FloatSteps/single-row e1f89364e3de719f8713dbd727506cf4b22a11cb8e539720b1998407b8a0989f
        Relu/bi/ClassifyLast/FloatSteps/triton-config 8ac83bf8be4fd147e98b319cfa4167c22d9c4071ab94d4fe68ce188ec08c5f71
        Relu/bi/ClassifyLast/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Relu/bi/ClassifyMax/FloatSteps/batched 39915dc67740c69471fe4ef1817ef75573d15df163413610d693900e35fc3d06
        Relu/bi/ClassifyMax/FloatSteps/single-row 9f5c3868e7ebade0d2dc4d3f54d7664cce1280cc169eee7104368d7e36d523b9
        Relu/bi/ClassifyMax/FloatSteps/triton-config c60de69d6644f5420d0bf867d3f21419750480d54f9be6d5833aae300dd05448
        Relu/bi/ClassifyMax/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Relu/bi/ClassifyMean/FloatSteps/batched d8b73f9368137b19349d1995999c77e9cfbb3cec061c57daffdea2067733afe3
        Relu/bi/ClassifyMean/FloatSteps/single-row 818ac4db2eb2b2ff2bf9d32c7e95cc34b25a247b7abb5cb674539939fa7b8f6d
        Relu/bi/ClassifyMean/FloatSteps/triton-config c457168591d49512592a291bf6f59c38b39983ad11588109b15879652a0562cd
        Relu/bi/ClassifyMean/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Relu/bi/Label/FloatSteps/batched 08a83266e6cf9fe68b1c893148787bf1072925ca43ac3787a0e2ce7fd360c6eb
        Relu/bi/Label/FloatSteps/single-row 73e1e4e4b999045be57f88a013c55f5f053e71aec2c6ea8dd03c2b17e8b7ecaf
        Relu/bi/Label/FloatSteps/triton-config d98a051f63dc399b85333ed71afc8a79acbdba65024cc51470708a1a17427815
        Relu/bi/Label/FloatSteps/triton-labels e43507e54282fd7da43866fa99b27d64a9c59bd384b83045d5bdff538042d599
        Relu/bi/Label/OneHot/batched 50c73109ebf1c68ddcc49c75ceafa85ed79ac7a88a65bded4606208a3c3bd1f5
        Relu/bi/Label/OneHot/single-row e054aa2715ea94ec99d3dee8ad1ba1a23958830edb5016ed7e0704329bf23b6f
        Relu/bi/Label/OneHot/triton-config 6c8d41c3dca246782b32ec0388bf4096190e0f5565a2d983b13d83ffc1ad32f2
        Relu/bi/Label/OneHot/triton-labels e43507e54282fd7da43866fa99b27d64a9c59bd384b83045d5bdff538042d599
        Relu/bi/Regress/Embedding/batched e035c17314f6dbe60d263d1e6aad36da2fc74d7061df4004ac4f53ec31137427
        Relu/bi/Regress/Embedding/single-row 3acf4d98c56d411e50567354361250366532dc318905f61170e00f3890af3c65
        Relu/bi/Regress/FloatSteps/batched 1073fe84073385c68e537ae55f26218fdfda58495fe8fe12672866680e0a066a
        Relu/bi/Regress/FloatSteps/single-row fa88db61a7e7d35fe58cddd43adf667ad04e88883fdf85b37b9a7bca5a9ecd90
        Relu/bi/RegressWithSkip/FloatSteps/batched 79c9d29bf66105a56a8e4058750d3be8446823788e65226da115b7dc2fa3cc1d
        Relu/bi/RegressWithSkip/FloatSteps/single-row 91d0973dca5e197df86a72f672a4289b374082ce3b434f1830f0a67d92479c21
        Relu/bi/forecaster/WindowMeanRatio/c2/g2/s0/skip/m1 379e17a580ff2548b0a2a076bbf1b8855760d0d8f25430de1834eb9938945ab6
        Relu/uni/ClassifyLast/Embedding/batched 70d72e2a02150af2124f03ef3ac9bcdb29ea844a2fdffe2987213651e8dbaacb
        Relu/uni/ClassifyLast/Embedding/single-row e5f4db780388dddc4d8f0eb573d40d4b1e5be2725faa1f95089d72580b911c9d
        Relu/uni/ClassifyLast/Embedding/stateful da5b1cbee00983e23069773c3cc9251f8de8993d3fcdb537af5bffb94a0f95aa
        Relu/uni/ClassifyLast/Embedding/stateful-config c30c7d906d93cb2d3921bda063524d049a4b3724d49d341d90b59a4407ca26ea
        Relu/uni/ClassifyLast/Embedding/triton-config 480a563110ff44e41566464341e173c9b9d4fb0fbdb660d9d7cfacac574b1895
        Relu/uni/ClassifyLast/Embedding/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Relu/uni/ClassifyLast/FloatSteps/batched 64decdd6f1d0551fc1655ec62aace8c8140a479db824fed7edfc4bec8a5f3e72
        Relu/uni/ClassifyLast/FloatSteps/single-row 095ae0f0768a731038470828242aa4380416ff1d4c621f0793235c8bc07f6744
        Relu/uni/ClassifyLast/FloatSteps/stateful 77d7d28c6ddb769878c4c72ca18a780857d05ac9e4926a357319d84693ef5a66
        Relu/uni/ClassifyLast/FloatSteps/stateful-config 4d3d2f7535b2e3ef9bb150c145e5f56eaa0b075fd840968def95b19275642c03
        Relu/uni/ClassifyLast/FloatSteps/triton-config 6c81cc695f29f1b14e95b13b97d218191b4b1648ad63f1818f0285525bdd0296
        Relu/uni/ClassifyLast/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Relu/uni/ClassifyMax/FloatSteps/batched 06376c7c04e7521a98ab3f2f3b24619d98686234dbaa0b302d9a8554f45e4170
        Relu/uni/ClassifyMax/FloatSteps/single-row 4b6c760b3d6f010b45c944b90fb4ca227742da1acda28f8bad0d34dd499eebe9
        Relu/uni/ClassifyMax/FloatSteps/triton-config d171da802a2f37a4cc38496f04c0c9aba40dae7d7f59a474fc7b02a20ce513b9
        Relu/uni/ClassifyMax/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Relu/uni/ClassifyMean/FloatSteps/batched b5c04013a5cbe83e8ab484c637ec7de0207579d6cc35cb97a5614f2903245663
        Relu/uni/ClassifyMean/FloatSteps/single-row f9701e73a4573aee3bfedab6343954b2a344f752804ba3d9515f546762abaafe
        Relu/uni/ClassifyMean/FloatSteps/triton-config 435da6705a665c4a5e9c5cd6400a8f582f321563e45287e76822ab8278ff22f5
        Relu/uni/ClassifyMean/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Relu/uni/Label/FloatSteps/batched 5d6463d48c7003f900020be2490203bd85386d2a2814b65beef3f5af55476a68
        Relu/uni/Label/FloatSteps/single-row 02709bf6f3d4af85e06f0cdba59b758dad7b6827bb591498d3c75baef8470b3d
        Relu/uni/Label/FloatSteps/stateful d442150de0d53800663c89888d7ea68c5934f6829d87fcb6b0af0be812efd34e
        Relu/uni/Label/FloatSteps/stateful-config 1b6cc827d899871c58b71f61afe20f8b3b9c058712f78eab9b1ed13ca3b08fa1
        Relu/uni/Label/FloatSteps/triton-config 03fbccb5d94afb592991c154bdf8f74752e924cdc2bd8978e30792bedb5d5aa6
        Relu/uni/Label/FloatSteps/triton-labels e43507e54282fd7da43866fa99b27d64a9c59bd384b83045d5bdff538042d599
        Relu/uni/Label/OneHot/batched 92dd620199c4717c222a2119fbb28d2f73831ffcd9b36a9fe728c579e89a6e59
        Relu/uni/Label/OneHot/single-row 14547aa0c162428870bcc6d1f45d5617b9c9a903b4b0e352c07fc1025c8c3383
        Relu/uni/Label/OneHot/stateful f179fed41ea7bd6e3b3135e3a8f81604b1a29328f6a8e29151145f0bc647cf19
        Relu/uni/Label/OneHot/stateful-config 45de9cfbeaf59c6e7939888b010d1bd5a3437902bb04f2d3ba22dbaae186090f
        Relu/uni/Label/OneHot/triton-config 6b4a5d134dced5861e208a29e6093150766e8cb2673719804e3ba1e7fa09bf86
        Relu/uni/Label/OneHot/triton-labels e43507e54282fd7da43866fa99b27d64a9c59bd384b83045d5bdff538042d599
        Relu/uni/Regress/Embedding/batched ae64511450c81829f2ea188e2955f3a9fb443b7ee8d685bd211316ba13a39f0b
        Relu/uni/Regress/Embedding/single-row f1023ae9b3a16c97bc8560df7373fd4216cff2879b8c506b433b1c2280a894c1
        Relu/uni/Regress/FloatSteps/batched d69d2350da1a5081f64e401401b72ec64d6516cff0fe79aa2e4e3d4b77ccac7a
        Relu/uni/Regress/FloatSteps/single-row 901896a72a3bd26db2038b52bb804d36654ec832ac6c1386040c04125ba47ab4
        Relu/uni/RegressWithSkip/FloatSteps/batched 917a3df1a5c22d5976b240b0a710197591db63bbb8992dafa21dc2aa3df108aa
        Relu/uni/RegressWithSkip/FloatSteps/single-row f55ce82668fe674bc538f48ef359b8dc70eaec1ad4d28565c8d1e8824a01bee6
        Relu/uni/forecaster/WindowMean/c0/g1/s0/noskip/m1 e991e5251cbc83d297ed2015a509eb85392f0bb0ea8b428361ebf6e0004176c6
        Tanh/bi/ClassifyLast/Embedding/batched ef77cd75862949c0e69c8c2997c2d669b620a03bfe28e04263e2a82bd56c1557
        Tanh/bi/ClassifyLast/Embedding/single-row 725bd306af47950c7999793e1b364798b7cccd4b4108e77a72f179f9319fd577
        Tanh/bi/ClassifyLast/Embedding/triton-config 9d2f1ad957ff5ddfa5714a82f0df64673d347564ecf860a930b51d1f92d09c24
        Tanh/bi/ClassifyLast/Embedding/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Tanh/bi/ClassifyLast/FloatSteps/batched 7327606736fb56ac75d5f7ba085d9f83dc9dc692407707ecfff0e1ce37db75fc
        Tanh/bi/ClassifyLast/FloatSteps/single-row de4dc72a40817db418cf932996b0baa54b392b253b0469244d637cf9b26d5c91
        Tanh/bi/ClassifyLast/FloatSteps/triton-config 2470c983c690a3c0d8ed6fb1bdd787d17609b71c9e16f1d2e74bf664e9ff0838
        Tanh/bi/ClassifyLast/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Tanh/bi/ClassifyMax/FloatSteps/batched a686a0accc8ad69869a51fe02f6a290cfac3caded7a693cc8de52aec9361c7b9
        Tanh/bi/ClassifyMax/FloatSteps/single-row b7d252cfdd02b78e3b244da2c569a1ff5de2ef5a5cea885a38e481e8430f53d9
        Tanh/bi/ClassifyMax/FloatSteps/triton-config 6e696d04594fd59b3a5591db1b5c3215a1bdb031faeaf6a04f63c4384e53ba1c
        Tanh/bi/ClassifyMax/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Tanh/bi/ClassifyMean/FloatSteps/batched ace0fed6ab6d4fa8fa5e65ab7925d116c719a6eb4832b6744df257e8fbcaf379
        Tanh/bi/ClassifyMean/FloatSteps/single-row fae146e324318035b6e02b4e9fd6189a7e8289e42c683726c9e1c50e2cf9f1e6
        Tanh/bi/ClassifyMean/FloatSteps/triton-config b10b0e6b02ee13275c18664a57eda7aef407991bb618180c60dc003668fb7a6d
        Tanh/bi/ClassifyMean/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Tanh/bi/Label/FloatSteps/batched b03acbb2fb2a9da637cc3f181d976a16438a30d7fa82c9f62ada144f7094fd7f
        Tanh/bi/Label/FloatSteps/single-row 4c37ecba7b2c2223914152ca24a257e203ffde58c1daa1ec213ccec464a128f7
        Tanh/bi/Label/FloatSteps/triton-config d90abefafee669fc46f3cdbf950a2fc0880deefccafed21b9aaef5f003c9e290
        Tanh/bi/Label/FloatSteps/triton-labels e43507e54282fd7da43866fa99b27d64a9c59bd384b83045d5bdff538042d599
        Tanh/bi/Label/OneHot/batched 314626955bee3a920c747668349bbab41403fcd730fc36dce87012141445e248
        Tanh/bi/Label/OneHot/single-row 7ed2b82004462b555a6058107e8322c43301f3296284727edc9b05410316c8fd
        Tanh/bi/Label/OneHot/triton-config cfbc38be7ca5f42512add4ebc0b297a4cf2e182caa12c58fd44f92070dc6cb14
        Tanh/bi/Label/OneHot/triton-labels e43507e54282fd7da43866fa99b27d64a9c59bd384b83045d5bdff538042d599
        Tanh/bi/Regress/Embedding/batched 41c4c44ec22537d18b5dee38e1d63ebacd2dff3289c2ffe74114be096f299fbe
        Tanh/bi/Regress/Embedding/single-row 403e395fc84d8d7695a5fe137892c9e95228033977302ec89fd968bc6cd2b875
        Tanh/bi/Regress/FloatSteps/batched 1ab90b39eea8ae1886e300f7cb4202eb8fb0385f89bf07f13f7ff5e4ef1561ed
        Tanh/bi/Regress/FloatSteps/single-row 4bfb0cab59d8b5013dcfe795d8f72180651a9468a97872aa8dc5c9772bf3251e
        Tanh/bi/RegressWithSkip/FloatSteps/batched c65a6f3be09756035fff1b268c19c28e96704e15509cfd9f4b0f90ea9f714872
        Tanh/bi/RegressWithSkip/FloatSteps/single-row 7d9265ccfaaf01744758802e919008a4abdceee6e074aea1450dc19f5dbaead1
        Tanh/bi/forecaster/LastValue/c2/g1/s3/noskip/m1 fcca3f39ad6612bc1d37bdd802790204b3edce92b90f35a55faca323c8f5c4b5
        Tanh/uni/ClassifyLast/Embedding/batched 148135f857d3fac63efa2ef06dc359911af1aeb59ce629042258b7525ab47eac
        Tanh/uni/ClassifyLast/Embedding/single-row a26608fe384cd455dc65a2bb4adf310d6c10bbce62a416f76e8cb419c6f621e6
        Tanh/uni/ClassifyLast/Embedding/stateful e2a4d4161cf9764d214bd6abccd2af94ed831875137f4cf282441936c4f3edb9
        Tanh/uni/ClassifyLast/Embedding/stateful-config 078bb1cf6d628bf4869873b47cc3e0020c2e5e1bd698e7b813d58aacf5dc052f
        Tanh/uni/ClassifyLast/Embedding/triton-config 9085ebb301bbea5a24e08795cc23560a1f1893f06e511072530eec17d8ef2421
        Tanh/uni/ClassifyLast/Embedding/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Tanh/uni/ClassifyLast/FloatSteps/batched da4883aacdc00f124c50096143d84e680fc62c1157e1a866d769d9bb401f2c4a
        Tanh/uni/ClassifyLast/FloatSteps/single-row 40f951507cd432e447d8a5a022a93978b613e12f3eb0c4d7670b805096e50956
        Tanh/uni/ClassifyLast/FloatSteps/stateful 6c3da06cda8c51fee44b6282c22db0ec9da5cfa1f65e34cf80c6b810c6c8723f
        Tanh/uni/ClassifyLast/FloatSteps/stateful-config 31caba6fb0df1ec2fe848eafe5182a61fa6108bd18880d24e6ae8d84504b6db4
        Tanh/uni/ClassifyLast/FloatSteps/triton-config 3f5e5239a9a06dfb104b7cc1c14570f511fe80c1e0026205572f4ad41fd03c84
        Tanh/uni/ClassifyLast/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Tanh/uni/ClassifyMax/FloatSteps/batched 9f9ddb757f74c15f176791f3bfca835e10ca77be428cab75faedd08cbfbf51d8
        Tanh/uni/ClassifyMax/FloatSteps/single-row 4cd532f5906410b624fc07012f64ccbfeead8a5b286b6dda79ddff902a52e8a9
        Tanh/uni/ClassifyMax/FloatSteps/triton-config 7a753160be3fbbb17dc23bc65616a47773290322eff526d5a52b8ec298736d8e
        Tanh/uni/ClassifyMax/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Tanh/uni/ClassifyMean/FloatSteps/batched 6784171c8afdb047e3766adb0651ad710a13910b5e5247e79257d689535d4584
        Tanh/uni/ClassifyMean/FloatSteps/single-row 1f9059e6000ad6ff35c5748c626d2f1a13ac745fac4ddd485da69e2237a8b14e
        Tanh/uni/ClassifyMean/FloatSteps/triton-config 406850e341c870a9bb67f2b996dad0887dd37e7849279e9039f5312c14e0ab26
        Tanh/uni/ClassifyMean/FloatSteps/triton-labels 0cdd01f5bb8246c19f3c1acba4a780ef2e73f1002368132596b707bfc28d080b
        Tanh/uni/Label/FloatSteps/batched b8cf25865a4ef8faded1c8054d038210a35949b5a02be2a78d0b93985f77d8c2
        Tanh/uni/Label/FloatSteps/single-row 56498e4a4e21a603f44b5292ef68721e6ef324a7279557c461bfff0dd2dcb76e
        Tanh/uni/Label/FloatSteps/stateful 4995adf50df05cebdb089b6a9cbdd905e797e75ae8ebca001d05de71b048f874
        Tanh/uni/Label/FloatSteps/stateful-config 7fa052b3077fe5d76996f3539e37378cf2f11f2fe994f3ce5f99282433fa434c
        Tanh/uni/Label/FloatSteps/triton-config 3c30c3cc016bc0287275b2ddf8af95d8f28d1e031f9b160ae957eb57bdb05b69
        Tanh/uni/Label/FloatSteps/triton-labels e43507e54282fd7da43866fa99b27d64a9c59bd384b83045d5bdff538042d599
        Tanh/uni/Label/OneHot/batched 4204f641b44cf9eac45440ff2dc94ccfb94d663a9b6df9bdd8dcf09d49a8d405
        Tanh/uni/Label/OneHot/single-row c52b780c11b123512daf9f6e83a58ebb6b8bcc61c31d0b95638b9e057055d2fe
        Tanh/uni/Label/OneHot/stateful 6c58eef43267d57e1447aaa0c6b612d42acf19d353e4364820473f359c2cb1a8
        Tanh/uni/Label/OneHot/stateful-config 0fc7fa055a0f3430d4902271a6c26c8d9f4a929a77124482245f838be6aa333e
        Tanh/uni/Label/OneHot/triton-config 6537365f37ba4564f0f82d8aa097568b361af130c440271b9fa9c03fb3d0e633
        Tanh/uni/Label/OneHot/triton-labels e43507e54282fd7da43866fa99b27d64a9c59bd384b83045d5bdff538042d599
        Tanh/uni/Regress/Embedding/batched 734129063787fb8439df11f5480a287b47652db84c15611d957628bffad1169d
        Tanh/uni/Regress/Embedding/single-row a448ac82281834458335848465a23dc925f7c5578b3cb14a96d7edff74799fd2
        Tanh/uni/Regress/FloatSteps/batched f908e913a425292e524aca0b241c3344a546d5b85449f67a852ccff3dec78f90
        Tanh/uni/Regress/FloatSteps/single-row 0d69b80a6bc084ff4e595785f7c81c4811bdbfcc1dda75ba00732674a846e5b7
        Tanh/uni/RegressWithSkip/FloatSteps/batched c911c599d09543dd951c9515184901db69d579f83c419b47bdde2d66f9a0f8a3
        Tanh/uni/RegressWithSkip/FloatSteps/single-row bbb6d72634c5a6efbb603839cdff58e88ddebf9bee1573d813f8827ed84920c4
        Tanh/uni/forecaster/None/c0/g1/s0/skip/m1 2a3e7a1cd58d7999083bbcb4d05d103752c8ba99b6b615b4eee100fa73137995
        """;
}
