using TorchSharp;

namespace Rnn.MLNet;

/// <summary>
/// The numeric arguments of one optimizer step as libtorch scalars, all kept reachable until the step ends.
/// </summary>
/// <remarks>
/// A <see cref="Scalar"/> made by an implicit conversion (<c>tensor.mul_(0.9)</c>) is unreachable as soon as its
/// handle is read, so a garbage collection started by any other thread during the native call can finalize it and
/// free the native scalar while libtorch reads it ("Unknown scalar type", or a wrong update). Holding them here and
/// disposing them after the step closes that window.
/// </remarks>
internal sealed class StepScalars : IDisposable
{
    private readonly List<Scalar> _scalars = [];

    public Scalar Of(double value)
    {
        var scalar = value.ToScalar();
        _scalars.Add(scalar);
        return scalar;
    }

    public void Dispose()
    {
        foreach (var scalar in _scalars)
            scalar.Dispose();
        _scalars.Clear();
    }
}
