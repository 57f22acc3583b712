using Microsoft.ML.OnnxRuntime;
using Rnn.Onnx.Protos.Triton;
using Rnn.Onnx.Tests.Support;

namespace Rnn.Onnx.Tests.Triton;

/// <summary>
/// Triton model repositories: config.pbtxt parses with Google's protoc against Triton's ModelConfig schema (our
/// subset of it), and each field matches the ONNX graph written beside it, as ONNX Runtime reads that graph.
/// </summary>
[TestClass]
public sealed class TritonExportTests
{
    public TestContext TestContext { get; set; } = null!;

    private readonly List<string> _repositories = [];

    private string Repository()
    {
        var folder = Directory.CreateTempSubdirectory("rnn-triton-").FullName;
        _repositories.Add(folder);
        return folder;
    }

    [TestCleanup]
    public void DeleteRepositories()
    {
        foreach (var folder in _repositories)
            Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    [DataRow(false, false)]
    [DataRow(true, false)]
    [DataRow(false, true)]
    public void BatchedModelConfigParsesAndMatchesTheGraph(bool perStep, bool tokens)
    {
        var net = RandomNetworks.Create(RnnCellType.Gru, 2, true, seed: 700);
        if (tokens)
            net = RandomNetworks.WithTokens(net, TokenLookup.OneHot(["a", "b"]));
        if (perStep)
            net = new RecurrentNetworkDescription(net.Cell, net.InputSize, net.HiddenSize, net.Bidirectional, net.Layers, net.Head, net.ClassNames, net.Tokens, perStep: true);
        var bytes = RnnOnnxExporter.ToBytes(net);
        var folder = TritonModelRepository.Export(bytes, Repository(), "rnn", new TritonExportOptions { MaxBatchSize = 32 });

        var config = Parse(folder);
        Assert.AreEqual("rnn", config.Name);
        Assert.AreEqual("onnxruntime", config.Backend);
        Assert.AreEqual(32, config.MaxBatchSize);
        Assert.AreEqual(ModelConfig.SchedulingChoiceOneofCase.DynamicBatching, config.SchedulingChoiceCase);
        Assert.AreEqual(100UL, config.DynamicBatching.MaxQueueDelayMicroseconds);
        Assert.HasCount(1, config.InstanceGroup);
        Assert.AreEqual(ModelInstanceGroup.Types.Kind.Gpu, config.InstanceGroup[0].Kind);
        Assert.AreEqual(1, config.InstanceGroup[0].Count);
        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(Path.Combine(folder, "1", "model.onnx")), "the exported file, unchanged");
        Assert.AreEqual(string.Join('\n', net.ClassNames) + "\n", File.ReadAllText(Path.Combine(folder, "labels.txt")));
        Assert.AreEqual("labels.txt", config.Output.Single(o => o.Name == RnnOnnxNames.Probabilities).LabelFilename);

        AssertMatchesGraph(config, Path.Combine(folder, "1", "model.onnx"), states: []);
        var lengths = config.Input.Single(i => i.Name == RnnOnnxNames.SequenceLengths);
        CollectionAssert.AreEqual(new long[] { 1 }, lengths.Dims.ToArray());
        Assert.IsNotNull(lengths.Reshape, "a per-row scalar is [1] reshaped to []");
        Assert.IsEmpty(lengths.Reshape.Shape);
    }

    [TestMethod]
    public void StreamingModelUsesTheSequenceBatcherWithZeroedImplicitState()
    {
        var net = RandomNetworks.Create(RnnCellType.Lstm, 2, false, seed: 710);
        var folder = TritonModelRepository.Export(RnnOnnxExporter.ToBytes(net), Repository(), "stream",
            new TritonExportOptions { Streaming = true, InstanceKind = TritonInstanceKind.Cpu, MaxBatchSize = 8 });

        var config = Parse(folder);
        Assert.AreEqual(ModelConfig.SchedulingChoiceOneofCase.SequenceBatching, config.SchedulingChoiceCase);
        Assert.AreEqual(ModelInstanceGroup.Types.Kind.Cpu, config.InstanceGroup[0].Kind);
        var batching = config.SequenceBatching;
        Assert.AreEqual(8, batching.Oldest.MaxCandidateSequences);
        string[] states = [.. batching.State.Select(s => s.InputName)];
        CollectionAssert.AreEquivalent(new[] { "initial_h.layer0", "initial_h.layer1", "initial_c.layer0", "initial_c.layer1" }, states);
        foreach (var state in batching.State)
        {
            Assert.AreEqual(state.InputName.Replace("initial_", "final_"), state.OutputName);
            Assert.AreEqual(DataType.TypeFp32, state.DataType);
            CollectionAssert.AreEqual(new long[] { net.HiddenSize }, state.Dims.ToArray());
            var initial = state.InitialState.Single();
            Assert.AreEqual(ModelSequenceBatching.Types.InitialState.StateDataOneofCase.ZeroData, initial.StateDataCase);
            CollectionAssert.AreEqual(new long[] { net.HiddenSize }, initial.Dims.ToArray());
        }

        var model = Path.Combine(folder, "1", "model.onnx");
        Assert.AreEqual("stateful", RnnOnnxImporter.Read(File.ReadAllBytes(model)).Metadata[RnnOnnxMetadata.Layout]);
        AssertMatchesGraph(config, model, states);
    }

    [TestMethod]
    public void QuantizedModelsServeAsWrittenAndStreamWithTheirQuantizedLayers()
    {
        var net = RandomNetworks.Create(RnnCellType.Lstm, 2, false, seed: 705);
        var bytes = RnnOnnxExporter.ToBytes(net, new OnnxExportOptions { Quantization = OnnxQuantization.DynamicInt8 });
        var folder = TritonModelRepository.Export(bytes, Repository(), "rnn8", new TritonExportOptions { InstanceKind = TritonInstanceKind.Cpu });
        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(Path.Combine(folder, "1", "model.onnx")), "the 8-bit file, unchanged");
        var config = Parse(folder);
        AssertMatchesGraph(config, Path.Combine(folder, "1", "model.onnx"), states: []);
        var floats = Parse(TritonModelRepository.Export(RnnOnnxExporter.ToBytes(net), Repository(), "rnn8", new TritonExportOptions { InstanceKind = TritonInstanceKind.Cpu }));
        Assert.AreEqual(floats.ToString(), config.ToString(), "the configuration does not depend on how the weights are stored");

        var stream = TritonModelRepository.Export(bytes, Repository(), "rnn8s", new TritonExportOptions { Streaming = true, InstanceKind = TritonInstanceKind.Cpu });
        var model = Path.Combine(stream, "1", "model.onnx");
        var (_, metadata) = RnnOnnxImporter.Read(File.ReadAllBytes(model));
        Assert.AreEqual("stateful", metadata[RnnOnnxMetadata.Layout]);
        Assert.AreEqual("dynamic_int8", metadata[RnnOnnxMetadata.Quantization]);
        var graph = Protos.ModelProto.Parser.ParseFrom(File.ReadAllBytes(model));
        Assert.AreEqual(2, graph.Graph.Node.Count(n => n.OpType == "DynamicQuantizeLSTM"));
        var streamConfig = Parse(stream);
        AssertMatchesGraph(streamConfig, model, [.. streamConfig.SequenceBatching.State.Select(s => s.InputName)]);
    }

    [TestMethod]
    public void ProtocRejectsWhatTritonWouldReject()
    {
        // The parser the checks above lean on does fail on a misspelt field, a bad enum value and two scheduling choices.
        Assert.AreNotEqual("", Protoc.Encode("max_batch_sizes: 4\n").Error);
        Assert.AreNotEqual("", Protoc.Encode("input { name: \"x\" data_type: FP32 }\n").Error);
        Assert.AreNotEqual("", Protoc.Encode("dynamic_batching { }\nsequence_batching { }\n").Error);
        Assert.AreEqual("", Protoc.Encode("name: \"ok\"\nmax_batch_size: 4\n").Error);
    }

    [TestMethod]
    public void TextFormatQuotesNamesThatNeedEscaping()
    {
        var config = new ModelConfig { Name = "a \"quoted\" \\ name é\n" };
        var parsed = ModelConfig.Parser.ParseFrom(Protoc.Encode(Serving.Triton.TextFormatWriter.Write(config)).Binary);
        Assert.AreEqual(config.Name, parsed.Name);
    }

    [TestMethod]
    public void ExportFileWritesTheSameRepositoryAsTheBytes()
    {
        var net = RandomNetworks.Create(RnnCellType.Tanh, 1, false, seed: 720);
        var path = Path.Combine(Repository(), "model.onnx");
        RnnOnnxExporter.Write(net, path);
        var fromFile = TritonModelRepository.ExportFile(path, Repository(), "m");
        var fromBytes = TritonModelRepository.Export(File.ReadAllBytes(path), Repository(), "m");
        Assert.AreEqual(File.ReadAllText(Path.Combine(fromBytes, "config.pbtxt")), File.ReadAllText(Path.Combine(fromFile, "config.pbtxt")));
        Assert.Throws<FileNotFoundException>(() => TritonModelRepository.ExportFile(path + ".missing", Repository(), "m"));
    }

    [TestMethod]
    public void RefusalsNameTheProblemAndWriteNothing()
    {
        var repository = Repository();
        var uni = RnnOnnxExporter.ToBytes(RandomNetworks.Create(RnnCellType.Gru, 1, false, seed: 730));
        var bidirectional = RnnOnnxExporter.ToBytes(RandomNetworks.Create(RnnCellType.Gru, 1, true, seed: 731));
        StringAssert.Contains(Assert.Throws<ArgumentException>(() => TritonModelRepository.Export(bidirectional, repository, "m", new TritonExportOptions { Streaming = true })).Message, "bidirectional");
        StringAssert.Contains(Assert.Throws<ArgumentException>(() => TritonModelRepository.Export(uni, repository, "../m")).Message, "plain folder name");
        StringAssert.Contains(Assert.Throws<ArgumentOutOfRangeException>(() => TritonModelRepository.Export(uni, repository, "m", new TritonExportOptions { MaxBatchSize = 0 })).Message, "MaxBatchSize is 0");
        var singleRow = RnnOnnxExporter.ToBytes(RandomNetworks.Create(RnnCellType.Gru, 1, false, seed: 732), new OnnxExportOptions { Layout = OnnxInputLayout.SingleRow });
        StringAssert.Contains(Assert.Throws<ArgumentException>(() => TritonModelRepository.Export(singleRow, repository, "m")).Message, "single_row layout");
        var newline = RandomNetworks.Create(RnnCellType.Gru, 1, false, seed: 733, classNames: ["a", "b\nc", "d", "e"]);
        StringAssert.Contains(Assert.Throws<ArgumentException>(() => TritonModelRepository.Export(RnnOnnxExporter.ToBytes(newline), repository, "m")).Message, "line break");
        Assert.IsEmpty(Directory.GetFileSystemEntries(repository));
    }

    [TestMethod]
    [DataRow(false, false, 0)]
    [DataRow(true, true, 2)]
    [DataRow(true, false, 0)]
    [DataRow(false, true, 1)]
    public void ForecasterConfigParsesAndMatchesTheGraph(bool manySeries, bool quantiles, int covariates)
    {
        const int W = 8, H = 4;
        var window = new ForecastWindow(W, H, RnnForecastLevel.WindowMean, 0f, 1f, [.. Enumerable.Range(0, covariates).Select(i => $"c{i}")],
            new float[covariates], Enumerable.Repeat(1f, covariates).ToArray());
        float[] levels = [0.05f, 0.1f, 0.5f, 0.9f, 0.95f];
        int outputs = H * (quantiles ? levels.Length : 1);
        var net = RandomNetworks.AsRegressor(RandomNetworks.Create(RnnCellType.Lstm, 1, false, seed: 720, inputSize: window.NetworkInputSize, classes: outputs),
            new float[outputs], Enumerable.Repeat(1f, outputs).ToArray());
        var panel = manySeries ? new ForecastPanel(["north", "south"], [10f, 20f]) : null;
        var bytes = RnnOnnxForecastExporter.ToBytes([net], window, panel, quantiles ? new ForecastQuantiles(levels, H) : null);
        var folder = TritonModelRepository.ExportForecaster(bytes, Repository(), "forecast", new TritonExportOptions { MaxBatchSize = 16 });

        var config = Parse(folder);
        Assert.AreEqual(ModelConfig.SchedulingChoiceOneofCase.DynamicBatching, config.SchedulingChoiceCase);
        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(Path.Combine(folder, "1", "model.onnx")));
        AssertMatchesGraph(config, Path.Combine(folder, "1", "model.onnx"), states: []);
        Assert.AreEqual(manySeries, File.Exists(Path.Combine(folder, "series.txt")));
        if (manySeries)
            Assert.AreEqual("north\nsouth\n", File.ReadAllText(Path.Combine(folder, "series.txt")));
        var streaming = Assert.ThrowsExactly<ArgumentException>(() => TritonModelRepository.ExportForecaster(bytes, Repository(), "f", new TritonExportOptions { Streaming = true }));
        StringAssert.Contains(streaming.Message, "reads a whole window per request");
    }

    private ModelConfig Parse(string folder)
    {
        var text = File.ReadAllText(Path.Combine(folder, "config.pbtxt"));
        TestContext.WriteLine(text);
        var (binary, error) = Protoc.Encode(text);
        Assert.AreEqual("", error, "protoc parses config.pbtxt against Triton's ModelConfig schema");
        return ModelConfig.Parser.ParseFrom(binary);
    }

    /// <summary>Every config input and output is a graph tensor of that type and shape less the batch dimension; states are the rest.</summary>
    private static void AssertMatchesGraph(ModelConfig config, string model, string[] states)
    {
        using var session = new InferenceSession(model);
        foreach (var input in config.Input)
            AssertTensor(session.InputMetadata, input.Name, input.DataType, input.Dims, input.Reshape);
        foreach (var output in config.Output)
            AssertTensor(session.OutputMetadata, output.Name, output.DataType, output.Dims, output.Reshape);
        CollectionAssert.AreEquivalent(session.InputMetadata.Keys.ToArray(), config.Input.Select(i => i.Name).Concat(states).ToArray());
        var stateOutputs = config.SequenceBatching?.State.Select(s => s.OutputName) ?? [];
        CollectionAssert.AreEquivalent(session.OutputMetadata.Keys.ToArray(), config.Output.Select(o => o.Name).Concat(stateOutputs).ToArray());
        foreach (var state in config.SequenceBatching?.State ?? [])
        {
            AssertTensor(session.InputMetadata, state.InputName, state.DataType, state.Dims, null);
            AssertTensor(session.OutputMetadata, state.OutputName, state.DataType, state.Dims, null);
        }
    }

    private static void AssertTensor(IReadOnlyDictionary<string, NodeMetadata> tensors, string name, DataType type, IList<long> dims, ModelTensorReshape? reshape)
    {
        Assert.IsTrue(tensors.TryGetValue(name, out var meta), $"the graph has a tensor '{name}'");
        var expectedType = type switch
        {
            DataType.TypeFp32 => typeof(float),
            DataType.TypeInt32 => typeof(int),
            DataType.TypeInt64 => typeof(long),
            _ => throw new AssertFailedException($"unexpected Triton type {type} for '{name}'"),
        };
        Assert.AreEqual(expectedType, meta.ElementType, name);
        Assert.AreEqual(-1, meta.Dimensions[0], $"'{name}' leads with the batch dimension");
        // Without the batch dimension the graph's shape is the config's dims, or its reshape when it has one.
        long[] graph = [.. meta.Dimensions.Skip(1).Select(d => (long)d)];
        long[] config = reshape is null ? [.. dims] : [.. reshape.Shape];
        CollectionAssert.AreEqual(config, graph, $"'{name}': config [{string.Join(",", config)}], graph [{string.Join(",", graph)}]");
    }
}
