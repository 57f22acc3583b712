using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>Loss and metrics of the network on the validation rows, computed in evaluation mode after an epoch.</summary>
internal sealed class ValidationEvaluator
{
    private readonly SequenceReader _reader;
    private readonly SequenceBatchBuilder _builder;
    private readonly BatchPlan _batches;
    private readonly ITrainingObjective _objective;

    public ValidationEvaluator(SequenceReader reader, SequenceInput input, ITrainingObjective objective, int batchSize)
    {
        _reader = reader;
        _builder = new SequenceBatchBuilder(input.ValuesPerStep, input.IsTokens);
        _batches = new BatchPlan(batchSize);
        _objective = objective;
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
                // Sums over rows do not depend on their order, and batches of similar length carry little padding.
                _batches.PlanByLength(chunk);
                for (int b = 0; b < _batches.Count; b++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var batch = _batches.Batch(b);
                    var (inputs, lengths) = _builder.Inputs(chunk, batch, device);
                    var targets = _objective.Targets(_builder, chunk, batch, device);
                    var outputs = network.call(inputs, lengths);
                    _objective.Record(outputs, targets, _objective.ValidationLoss(outputs, targets), batch.Length, ref totals);
                }
            }
        }

        if (wasTraining)
            network.train();
        return totals;
    }
}
