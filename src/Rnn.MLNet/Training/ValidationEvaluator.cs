using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>Loss and metrics of the network on the validation rows, computed in evaluation mode after an epoch.</summary>
internal sealed class ValidationEvaluator
{
    private readonly SequenceReader _reader;
    private readonly SequenceBatchBuilder _builder;
    private readonly ITrainingObjective _objective;
    private readonly int _batchSize;
    private int[] _rows = [];

    public ValidationEvaluator(SequenceReader reader, SequenceInput input, ITrainingObjective objective, int batchSize)
    {
        _reader = reader;
        _builder = new SequenceBatchBuilder(input.ValuesPerStep, input.IsTokens);
        _objective = objective;
        _batchSize = batchSize;
    }

    public ObjectiveTotals Evaluate(RnnSequenceNetwork network, Device device, CancellationToken cancellation)
    {
        bool wasTraining = network.training;
        network.eval();
        var totals = new ObjectiveTotals();
        using (no_grad())
        {
            foreach (var chunk in _reader.ReadChunks(cancellation))
            {
                if (_rows.Length < chunk.Count)
                    _rows = Enumerable.Range(0, chunk.Count).ToArray();
                for (int start = 0; start < chunk.Count; start += _batchSize)
                {
                    cancellation.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var batch = _rows.AsSpan(start, Math.Min(_batchSize, chunk.Count - start));
                    var (inputs, lengths) = _builder.Inputs(chunk, batch, device);
                    var targets = _objective.Targets(_builder, chunk, batch, device);
                    var outputs = network.call(inputs, lengths);
                    _objective.Record(outputs, targets, _objective.Loss(outputs, targets), batch.Length, ref totals);
                }
            }
        }

        if (wasTraining)
            network.train();
        return totals;
    }
}
