namespace Rnn.Onnx;

/// <summary>Settings for a Triton Inference Server model written by <see cref="TritonModelRepository"/>.</summary>
public sealed class TritonExportOptions
{
    /// <summary>Largest batch Triton may form (config <c>max_batch_size</c>); at least 1. Default 64.</summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>Where the model instances run (config <c>instance_group</c>); <see cref="TritonInstanceKind.Gpu"/> by default.</summary>
    public TritonInstanceKind InstanceKind { get; set; } = TritonInstanceKind.Gpu;

    /// <summary>Model instances per device (config <c>instance_group.count</c>); at least 1. Default 1.</summary>
    public int InstanceCount { get; set; } = 1;

    /// <summary>How long Triton may hold a request to batch it with others, in microseconds. Default 100.</summary>
    public long MaxQueueDelayMicroseconds { get; set; } = 100;

    /// <summary>
    /// False (the default): the batched graph with dynamic batching, one request per whole sequence. True: the
    /// <see cref="OnnxInputLayout.Stateful"/> graph with Triton's sequence batcher and implicit state, so a client sends a
    /// sequence in chunks under one sequence id and Triton carries the recurrent state between them (zeros at each start).
    /// Needs a unidirectional network whose head reads the final state or every step.
    /// </summary>
    public bool Streaming { get; set; }

    /// <summary><see cref="Streaming"/> only: a sequence idle for longer than this is ended and its state freed. Default 60 s.</summary>
    public long MaxSequenceIdleMicroseconds { get; set; } = 60_000_000;

    /// <summary>Version folder the model is written to (Triton serves the highest by default); at least 1. Default 1.</summary>
    public int Version { get; set; } = 1;
}

/// <summary>Where Triton runs the instances of a model.</summary>
public enum TritonInstanceKind
{
    /// <summary>On GPUs (<c>KIND_GPU</c>): ONNX Runtime's CUDA execution provider inside Triton.</summary>
    Gpu,

    /// <summary>On the CPU (<c>KIND_CPU</c>).</summary>
    Cpu,
}
