using Rnn.MLNet;
using Rnn.MLNet.Tests;

namespace Rnn.Tests.Reference;

/// <summary>The shared reference (tests/Shared) scoring this project's padded batches, in the layout the scorers write.</summary>
internal sealed partial class ReferenceNetwork
{
    /// <summary>Scores <paramref name="description"/> on <paramref name="batch"/>.</summary>
    public static ReferenceScores Score(RecurrentNetworkDescription description, PaddedBatch batch) =>
        new ReferenceNetwork(description).Score(batch);

    /// <summary>Every row of <paramref name="batch"/>, each on its own valid steps.</summary>
    public ReferenceScores Score(PaddedBatch batch)
    {
        int outputs = _description.Head.Outputs;
        int stride = (_description.PerStep ? batch.MaxSteps : 1) * outputs;
        var values = new double[batch.Count * stride];
        Array.Fill(values, double.NaN);
        for (int row = 0; row < batch.Count; row++)
        {
            var steps = StepsOf(batch, row);
            if (_description.PerStep)
            {
                var predictions = ScoreSteps(steps);
                for (int t = 0; t < predictions.Length; t++)
                    predictions[t].CopyTo(values, row * stride + t * outputs);
            }
            else
            {
                Score(steps).CopyTo(values, row * stride);
            }
        }

        return new ReferenceScores(values, outputs, _description.PerStep, batch.MaxSteps, batch.Lengths);
    }

    /// <summary>The first layer's input at each valid step of a row: its float values, or its tokens looked up.</summary>
    private double[][] StepsOf(PaddedBatch batch, int row)
    {
        int length = batch.Lengths[row];
        return _description.Tokens is null
            ? Steps(batch.Values.Slice(row * batch.MaxSteps * _description.InputSize, length * _description.InputSize))
            : TokenSteps(batch.TokenIndices().Slice(row * batch.MaxSteps, length));
    }
}
