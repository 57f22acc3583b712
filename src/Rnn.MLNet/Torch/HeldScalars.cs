using TorchSharp;

namespace Rnn.MLNet;

/// <summary>
/// Constant libtorch scalars that live as long as the process, for tensor calls made on every training batch.
/// </summary>
/// <remarks>
/// TorchSharp turns a number argument, and the alpha it fills in for <c>a + b</c>, into a finalizable
/// <see cref="Scalar"/> that is unreachable once its handle is read; a garbage collection started by another thread
/// during the native call can then free it while libtorch reads it (see <see cref="StepScalars"/>). A static field
/// keeps these reachable, so the calls that use them have no such window.
/// </remarks>
internal static class HeldScalars
{
    public static readonly Scalar One = 1.0.ToScalar();

    public static readonly Scalar Zero = 0.0.ToScalar();

    public static readonly Scalar NegativeInfinity = double.NegativeInfinity.ToScalar();

    /// <summary>The label of a padded step (<see cref="SequenceBatchBuilder.IgnoredStep"/>), which per-step metrics leave out.</summary>
    public static readonly Scalar IgnoredStep = SequenceBatchBuilder.IgnoredStep.ToScalar();
}
