using Microsoft.ML;

namespace Rnn.MLNet.Tests;

[TestClass]
public sealed class ChunkReuseTests
{
    [TestMethod]
    public void DataThatFitsTheShuffleBufferIsReadOnce()
    {
        var mlContext = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(mlContext, trainRows: 64);
        var counted = new CountingDataView(train);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 3;

        using var model = new RnnTrainer(mlContext, options).Fit(counted);

        Assert.AreEqual(1, counted.Cursors);
    }

    [TestMethod]
    public void DataLargerThanTheShuffleBufferIsStreamedEveryEpoch()
    {
        var mlContext = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(mlContext, trainRows: 64);
        var counted = new CountingDataView(train);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 3;
        options.ShuffleBufferSize = 24;

        using var model = new RnnTrainer(mlContext, options).Fit(counted);

        Assert.AreEqual(3, counted.Cursors);
    }

    [TestMethod]
    public void ReusingTheChunkTrainsTheSameModel()
    {
        var mlContext = new MLContext(seed: 1);
        var (train, _) = TestPipelines.KeyedSplit(mlContext, trainRows: 64);
        var options = SyntheticSequences.FastOptions();
        options.Epochs = 3;
        using var reused = new RnnTrainer(mlContext, options).Fit(train);
        // A buffer of exactly the data set's size yields its chunk from inside the read loop, so every epoch reads again.
        options.ShuffleBufferSize = 64;
        using var reread = new RnnTrainer(mlContext, options).Fit(train);

        CollectionAssert.AreEqual(reused.Network.Head.Weights.ToArray(), reread.Network.Head.Weights.ToArray());
    }

    /// <summary>Passes everything through and counts the cursors opened.</summary>
    private sealed class CountingDataView(IDataView inner) : IDataView
    {
        public int Cursors { get; private set; }

        public bool CanShuffle => inner.CanShuffle;

        public DataViewSchema Schema => inner.Schema;

        public long? GetRowCount() => inner.GetRowCount();

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        {
            Cursors++;
            return inner.GetRowCursor(columnsNeeded, rand);
        }

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        {
            Cursors++;
            return inner.GetRowCursorSet(columnsNeeded, n, rand);
        }
    }
}
