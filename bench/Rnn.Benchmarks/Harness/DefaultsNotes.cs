namespace Rnn.Benchmarks.Harness;

/// <summary>
/// The closing section of docs/PERFORMANCE.md: figures measured once, by hand, that the library's defaults rest on. They
/// are machine-specific, so they live here in prose rather than in the code's documentation, which points here.
/// </summary>
internal static class DefaultsNotes
{
    public const string Title = "Measurements behind the defaults";

    public const string Markdown = """
        ## Measurements behind the defaults

        Measured once on the machine above (2 cores), not by this benchmark run; the code's documentation points here.

        - **`RnnTransformer.Transform` reads 8 batches ahead** and scores them sorted by length (`RnnScoredCursor.BatchesPerBlock`): with
          ONNX Runtime on one thread and batches of 64, rows of 10..190 steps took 0.6–0.7× as long as in arrival order, and sentences
          with the Brown corpus's lengths 0.35×; blocks of 4 batches saved less.
        - **`ScoringBatchSize` = 64**: 64 rows keep a recurrent layer's working set in a core's cache; batches of 64 scored faster than
          batches of 256 on this 2-core CPU.
        - **Packed sequences only below 10% real steps** (`RecurrentLayers.PackedBelowFill`): libtorch's padded recurrent kernel ran
          several times faster than its packed one here; packed won only on batches that were almost all padding, and batches grouped
          by length stay far above that (see "Variable-length training").
        - **Span copies into tensors** (`TensorMemory`): TorchSharp's element accessor (`data<T>().CopyFrom`) copies one element at a
          time, about 70× slower than a span copy for a training batch.
        """;
}
