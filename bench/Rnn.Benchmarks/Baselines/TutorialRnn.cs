using Rnn.Benchmarks.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rnn.Benchmarks.Baselines;

/// <summary>
/// The integer-sequence tutorial's way, in TorchSharp: nn.RNN(1, hidden) (tanh) + nn.Linear(hidden, 10), one
/// sequence per optimizer step ([9 steps, batch 1, 1 feature], zero initial state), cross-entropy, Adam.
/// </summary>
internal sealed class TutorialRnn : IDisposable
{
    private readonly RNN _rnn;
    private readonly Linear _head;
    private readonly optim.Optimizer _optimizer;
    private readonly Tensor[] _inputs;
    private readonly Tensor[] _labels;
    private readonly Tensor _h0;
    private readonly Tensor _testInputs;
    private readonly Tensor _testLabels;

    public TutorialRnn(RolledRow[] train, RolledRow[] test, int hiddenSize, double learningRate, int seed)
    {
        random.manual_seed(seed);
        _rnn = nn.RNN(1, hiddenSize);
        _head = nn.Linear(hiddenSize, RolledRow.Length);
        _optimizer = optim.Adam(_rnn.parameters().Concat(_head.parameters()), learningRate);
        _inputs = [.. train.Select(r => tensor(r.Features, [RolledRow.Length - 1, 1, 1]))];
        _labels = [.. train.Select(r => tensor(new long[] { (long)r.Label }))];
        _h0 = zeros(1, 1, hiddenSize);
        // The test set goes through as one batch: [steps, rows, 1].
        _testInputs = tensor(test.SelectMany(r => r.Features).ToArray(), [test.Length, RolledRow.Length - 1, 1]).transpose(0, 1).contiguous();
        _testLabels = tensor(test.Select(r => (long)r.Label).ToArray());
    }

    public void Epoch()
    {
        _rnn.train();
        for (int i = 0; i < _inputs.Length; i++)
        {
            using var scope = NewDisposeScope();
            var (output, _) = _rnn.call(_inputs[i], _h0);
            var logits = _head.call(output[-1]);
            var loss = nn.functional.cross_entropy(logits, _labels[i]);
            _optimizer.zero_grad();
            loss.backward();
            _optimizer.step();
        }
    }

    public double TestAccuracy()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        _rnn.eval();
        var h0 = zeros(1, _testLabels.shape[0], _h0.shape[2]);
        var (output, _) = _rnn.call(_testInputs, h0);
        var predicted = _head.call(output[-1]).argmax(1);
        return predicted.eq(_testLabels).sum().item<long>() / (double)_testLabels.shape[0];
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _rnn.Dispose();
        _head.Dispose();
        foreach (var t in _inputs.Concat(_labels))
            t.Dispose();
        _h0.Dispose();
        _testInputs.Dispose();
        _testLabels.Dispose();
    }
}
