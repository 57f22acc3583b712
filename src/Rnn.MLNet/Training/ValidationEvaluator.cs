using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>Loss and accuracy of the network on the validation rows, computed in evaluation mode after an epoch.</summary>
internal sealed class ValidationEvaluator
{
    private readonly SequenceReader _reader;
    private readonly SequenceBatchBuilder _builder;
    private readonly BatchPlan _batches;

    public ValidationEvaluator(SequenceReader reader, SequenceInput input, int batchSize)
    {
        _reader = reader;
        _builder = new SequenceBatchBuilder(input.ValuesPerStep, input.IsTokens);
        _batches = new BatchPlan(batchSize);
    }

    public (double Loss, double Accuracy) Evaluate(RnnSequenceNetwork network, Device device, CancellationToken cancellation)
    {
        bool wasTraining = network.training;
        network.eval();
        double lossSum = 0;
        long targets = 0, correct = 0;
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
                    var expected = _builder.Targets(chunk, batch, network.Shape.PerStep, device).reshape(-1);
                    var logits = network.call(inputs, lengths).reshape(-1, network.Shape.Classes);
                    var valid = expected.ne(SequenceBatchBuilder.IgnoredStep);
                    long counted = valid.sum().item<long>();
                    lossSum += ClassificationLoss.Plain(logits, expected).item<float>() * counted;
                    correct += logits.argmax(1).eq(expected).logical_and(valid).sum().item<long>();
                    targets += counted;
                }
            }
        }

        if (wasTraining)
            network.train();
        return (targets == 0 ? 0 : lossSum / targets, targets == 0 ? 0 : (double)correct / targets);
    }
}
