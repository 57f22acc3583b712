using static TorchSharp.torch;

namespace Rnn.Benchmarks.Baselines;

/// <summary>Dense fp32 matrix multiply in the same libtorch with the same threads: the hardware's practical ceiling.</summary>
internal sealed class Gemm : IDisposable
{
    private readonly Tensor _a;
    private readonly Tensor _b;
    private readonly int _calls;

    public Gemm(int m, int k, int n, int calls)
    {
        _a = rand(m, k);
        _b = rand(k, n);
        _calls = calls;
        Flops = 2.0 * m * k * n * calls;
        Shape = $"{m}×{k} · {k}×{n}";
    }

    /// <summary>Floating-point operations of one <see cref="Run"/>.</summary>
    public double Flops { get; }

    public string Shape { get; }

    public void Run()
    {
        for (int i = 0; i < _calls; i++)
            _a.mm(_b).Dispose();
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
