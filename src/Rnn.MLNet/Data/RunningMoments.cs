namespace Rnn.MLNet;

/// <summary>
/// Mean and standard deviation per column, accumulated one value at a time with Welford's update (stable for values far
/// from zero, such as births per day). A column with no spread gets scale 1, so dividing by it leaves values as they are.
/// </summary>
internal sealed class RunningMoments
{
    private readonly double[] _mean;
    private readonly double[] _squares;
    private readonly long[] _count;

    public RunningMoments(int columns)
    {
        _mean = new double[columns];
        _squares = new double[columns];
        _count = new long[columns];
    }

    public int Columns => _mean.Length;

    public void Add(int column, double value)
    {
        long n = ++_count[column];
        double delta = value - _mean[column];
        _mean[column] += delta / n;
        _squares[column] += delta * (value - _mean[column]);
    }

    public float Mean(int column) => (float)_mean[column];

    public float Scale(int column)
    {
        double deviation = _count[column] == 0 ? 0 : Math.Sqrt(_squares[column] / _count[column]);
        return deviation > 0 && double.IsFinite(deviation) ? (float)deviation : 1f;
    }

    public float[] Means() => [.. Enumerable.Range(0, Columns).Select(Mean)];

    public float[] Scales() => [.. Enumerable.Range(0, Columns).Select(Scale)];
}
