using Rnn.Onnx;

namespace Rnn.Tests.Reference;

/// <summary>
/// The stacked recurrent layers of a description run over one row's valid steps only, step by step in double precision:
/// the forward direction from step 0 to the row's last step, the backward direction from the row's own last step back to
/// step 0, both from zero states. A layer above the first reads [forward, backward] outputs of the layer below at each step.
/// </summary>
/// <remarks>
/// Rows are run one at a time and never see padding, which is what the library's padded and packed kernels must amount
/// to; that is the point of comparing them with this.
/// </remarks>
internal sealed class ReferenceLayers
{
    private readonly ReferenceCell[][] _cells;
    private readonly int _hidden;

    public ReferenceLayers(RecurrentNetworkDescription description)
    {
        _hidden = description.HiddenSize;
        _cells = [.. description.Layers.Select(directions =>
            directions.Select(weights => new ReferenceCell(description.Cell, description.HiddenSize, weights)).ToArray())];
    }

    /// <summary>The last layer's outputs at every step: [steps][directions × H], forward features first.</summary>
    /// <param name="steps">The row's valid steps, [length][input width of the first layer].</param>
    public double[][] Run(double[][] steps)
    {
        var input = steps;
        foreach (var directions in _cells)
        {
            var forward = RunDirection(directions[0], input, backward: false);
            input = directions.Length == 1
                ? forward
                : Concatenate(forward, RunDirection(directions[1], input, backward: true));
        }

        return input;
    }

    /// <summary>
    /// The hidden state after each step, stored at that step's position: for the backward direction, position t holds the
    /// state after it has read steps length-1 down to t.
    /// </summary>
    private double[][] RunDirection(ReferenceCell cell, double[][] input, bool backward)
    {
        int length = input.Length;
        var h = new double[_hidden];
        var c = new double[_hidden];
        var outputs = new double[length][];
        for (int k = 0; k < length; k++)
        {
            int t = backward ? length - 1 - k : k;
            cell.Step(input[t], h, c);
            outputs[t] = (double[])h.Clone();
        }

        return outputs;
    }

    private static double[][] Concatenate(double[][] forward, double[][] backward) =>
        [.. forward.Select((f, t) => f.Concat(backward[t]).ToArray())];
}
