using Rnn.Onnx.Graph;
using Rnn.Onnx.Heads;
using Rnn.Onnx.Metadata;
using Rnn.Onnx.Protos.Triton;

namespace Rnn.Onnx.Serving.Triton;

/// <summary>
/// The Triton model configuration of an exported network: the graph's inputs and outputs without the batch dimension
/// (variable time = -1; per-row scalars such as <c>sequence_lens</c> as [1] reshaped to a scalar), the batching and the
/// instances. In streaming form the recurrent states are Triton's implicit state rather than inputs and outputs.
/// </summary>
internal static class TritonConfig
{
    public const string LabelsFile = "labels.txt";

    public static ModelConfig Build(RecurrentNetworkDescription network, string modelName, TritonExportOptions options)
    {
        var config = new ModelConfig { Name = modelName, Backend = "onnxruntime", MaxBatchSize = options.MaxBatchSize };
        config.Input.Add(network.Tokens is null
            ? Input(RnnOnnxNames.Input, DataType.TypeFp32, -1, network.InputSize)
            : Input(RnnOnnxNames.Input, DataType.TypeInt64, -1));
        config.Input.Add(PerRow(Input(RnnOnnxNames.SequenceLengths, DataType.TypeInt32, 1)));

        foreach (var headOutput in OnnxHeads.Of(network).BatchedOutputs(network.Head.Outputs))
            config.Output.Add(Output(headOutput));

        if (options.Streaming)
            config.SequenceBatching = SequenceBatching(network, options);
        else
            config.DynamicBatching = new ModelDynamicBatching { MaxQueueDelayMicroseconds = (ulong)options.MaxQueueDelayMicroseconds };

        config.InstanceGroup.Add(new ModelInstanceGroup
        {
            Count = options.InstanceCount,
            Kind = options.InstanceKind == TritonInstanceKind.Cpu ? ModelInstanceGroup.Types.Kind.Cpu : ModelInstanceGroup.Types.Kind.Gpu,
        });
        return config;
    }

    /// <summary>
    /// A forecaster's configuration: history [W] (covariates [W + H, C] and the series index as a per-row scalar when it reads
    /// them) in, forecast [H] (and quantiles [H, Q]) out, dynamic batching.
    /// </summary>
    public static ModelConfig BuildForecaster(RnnForecastModel model, string modelName, TritonExportOptions options)
    {
        var window = model.Window;
        var config = new ModelConfig { Name = modelName, Backend = "onnxruntime", MaxBatchSize = options.MaxBatchSize };
        config.Input.Add(Input(RnnOnnxNames.History, DataType.TypeFp32, window.WindowSize));
        if (window.CovariateCount > 0)
            config.Input.Add(Input(RnnOnnxNames.Covariates, DataType.TypeFp32, window.WindowSize + window.Horizon, window.CovariateCount));
        if (model.Panel is not null)
            config.Input.Add(PerRow(Input(RnnOnnxNames.Series, DataType.TypeInt64, 1)));
        config.Output.Add(new ModelOutput { Name = RnnOnnxNames.Forecast, DataType = DataType.TypeFp32, Dims = { window.Horizon } });
        if (model.Quantiles is { } quantiles)
            config.Output.Add(new ModelOutput { Name = RnnOnnxNames.Quantiles, DataType = DataType.TypeFp32, Dims = { window.Horizon, quantiles.Count } });
        config.DynamicBatching = new ModelDynamicBatching { MaxQueueDelayMicroseconds = (ulong)options.MaxQueueDelayMicroseconds };
        config.InstanceGroup.Add(new ModelInstanceGroup
        {
            Count = options.InstanceCount,
            Kind = options.InstanceKind == TritonInstanceKind.Cpu ? ModelInstanceGroup.Types.Kind.Cpu : ModelInstanceGroup.Types.Kind.Gpu,
        });
        return config;
    }

    /// <summary>File of a many-series forecaster's ids, one per line: line i is the id of series index i (clients send the index).</summary>
    public const string SeriesFile = "series.txt";

    /// <summary>The series ids, one per line, refused when an id holds a line break.</summary>
    public static string SeriesIds(ForecastPanel panel)
    {
        for (int i = 0; i < panel.Count; i++)
        {
            if (panel.SeriesIds[i].AsSpan().IndexOfAny('\n', '\r') >= 0)
                throw new ArgumentException($"Series id {i} ('{panel.SeriesIds[i]}') contains a line break; {SeriesFile} holds one id per line.");
        }

        return string.Join('\n', panel.SeriesIds) + "\n";
    }

    private static ModelSequenceBatching SequenceBatching(RecurrentNetworkDescription network, TritonExportOptions options)
    {
        var batching = new ModelSequenceBatching
        {
            MaxSequenceIdleMicroseconds = (ulong)options.MaxSequenceIdleMicroseconds,
            // Oldest-first: requests of different sequences are batched together, each row with its own state.
            Oldest = new ModelSequenceBatching.Types.StrategyOldest
            {
                MaxCandidateSequences = options.MaxBatchSize,
                MaxQueueDelayMicroseconds = (ulong)options.MaxQueueDelayMicroseconds,
            },
        };
        for (int layer = 0; layer < network.NumLayers; layer++)
        {
            batching.State.Add(State(RnnOnnxStateNames.InitialHidden(layer), RnnOnnxStateNames.FinalHidden(layer), network.HiddenSize));
            if (network.Cell == RnnCellType.Lstm)
                batching.State.Add(State(RnnOnnxStateNames.InitialCell(layer), RnnOnnxStateNames.FinalCell(layer), network.HiddenSize));
        }

        return batching;
    }

    private static ModelSequenceBatching.Types.State State(string input, string output, int hiddenSize)
    {
        var state = new ModelSequenceBatching.Types.State { InputName = input, OutputName = output, DataType = DataType.TypeFp32 };
        state.Dims.Add(hiddenSize);
        // Without an initial state Triton hands the first request of a sequence uninitialized memory.
        var zeros = new ModelSequenceBatching.Types.InitialState { Name = "zeros", DataType = DataType.TypeFp32, ZeroData = true };
        zeros.Dims.Add(hiddenSize);
        state.InitialState.Add(zeros);
        return state;
    }

    private static ModelInput Input(string name, DataType type, params long[] dims)
    {
        var input = new ModelInput { Name = name, DataType = type };
        input.Dims.Add(dims);
        return input;
    }

    /// <summary>A head's output as Triton sees it: one value per row as [1] reshaped to a scalar; class scores with the labels file.</summary>
    private static ModelOutput Output(HeadOutput headOutput)
    {
        var type = headOutput.Type == OnnxElementType.Int64 ? DataType.TypeInt64 : DataType.TypeFp32;
        var output = new ModelOutput { Name = headOutput.Name, DataType = type };
        if (headOutput.Dims.Length == 0)
        {
            output.Dims.Add(1);
            return PerRow(output);
        }

        output.Dims.Add(headOutput.Dims.Select(d => (long)d));
        if (headOutput.ClassLabelled)
            output.LabelFilename = LabelsFile;
        return output;
    }

    // The graph's tensor is [batch]: Triton sees one value per row as [1] and hands the model a scalar per row.
    private static ModelInput PerRow(ModelInput input)
    {
        input.Reshape = new ModelTensorReshape();
        return input;
    }

    private static ModelOutput PerRow(ModelOutput output)
    {
        output.Reshape = new ModelTensorReshape();
        return output;
    }

    /// <summary>The class names, one per line, as Triton's classification extension reads them.</summary>
    public static string Labels(RecurrentNetworkDescription network)
    {
        for (int c = 0; c < network.ClassNames.Count; c++)
            if (network.ClassNames[c].AsSpan().IndexOfAny('\n', '\r') >= 0)
                throw new ArgumentException($"Class name {c} ('{network.ClassNames[c]}') contains a line break; Triton's labels file holds one name per line.");
        return string.Join('\n', network.ClassNames) + "\n";
    }

    /// <summary>The extra metadata of an exported model: everything but the standard keys the exporter writes itself.</summary>
    public static Dictionary<string, string> ExtraMetadata(IReadOnlyDictionary<string, string> metadata) =>
        metadata.Where(p => !RnnOnnxMetadata.StandardKeys.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
