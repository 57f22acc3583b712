using TorchSharp;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>
/// Stochastic weight averaging: the running mean of a network's parameters over the epochs it is given (the last
/// <see cref="RnnTrainerOptions.AveragedEpochs"/>), which the fitted model then takes. Averages of nearby points on the
/// training path generalise better than any one of them, at the cost of one copy of the weights.
/// </summary>
internal sealed class WeightAverager
{
    private float[][] _mean = [];

    public int Count { get; private set; }

    /// <summary>Folds the network's current parameters into the mean.</summary>
    public void Add(RnnSequenceNetwork network)
    {
        var parameters = network.parameters().ToArray();
        if (Count == 0)
            _mean = parameters.Select(Values).ToArray();
        else
        {
            for (int p = 0; p < parameters.Length; p++)
            {
                var values = Values(parameters[p]);
                var mean = _mean[p];
                for (int i = 0; i < mean.Length; i++)
                    mean[i] += (values[i] - mean[i]) / (Count + 1);
            }
        }

        Count++;
    }

    /// <summary>Writes the mean into the network's parameters.</summary>
    public void Apply(RnnSequenceNetwork network)
    {
        using var noGrad = no_grad();
        var parameters = network.parameters().ToArray();
        for (int p = 0; p < parameters.Length; p++)
        {
            using var mean = tensor(_mean[p], parameters[p].shape, ScalarType.Float32);
            parameters[p].copy_(mean);
        }
    }

    /// <summary>The mean and its count as bytes, for checkpoints; empty before the first <see cref="Add"/>.</summary>
    public byte[] ToBytes()
    {
        if (Count == 0)
            return [];
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(Count);
        writer.Write(_mean.Length);
        foreach (var values in _mean)
        {
            writer.Write(values.Length);
            foreach (float v in values)
                writer.Write(v);
        }

        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>Restores what <see cref="ToBytes"/> wrote (nothing for empty bytes).</summary>
    public static WeightAverager FromBytes(byte[]? bytes)
    {
        var averager = new WeightAverager();
        if (bytes is not { Length: > 0 })
            return averager;
        using var reader = new BinaryReader(new MemoryStream(bytes));
        averager.Count = reader.ReadInt32();
        averager._mean = new float[reader.ReadInt32()][];
        for (int p = 0; p < averager._mean.Length; p++)
        {
            var values = new float[reader.ReadInt32()];
            for (int i = 0; i < values.Length; i++)
                values[i] = reader.ReadSingle();
            averager._mean[p] = values;
        }

        return averager;
    }

    private static float[] Values(Tensor parameter)
    {
        using var cpu = parameter.detach().cpu().contiguous();
        return cpu.data<float>().ToArray();
    }
}
