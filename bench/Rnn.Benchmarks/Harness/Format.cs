using System.Globalization;

namespace Rnn.Benchmarks.Harness;

/// <summary>How figures are written in the report: invariant culture, units spelled out.</summary>
internal static class Format
{
    public static string Ratio(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + "×";

    public static string Rate(double perSecond) => perSecond >= 100
        ? perSecond.ToString("N0", CultureInfo.InvariantCulture)
        : perSecond.ToString("F1", CultureInfo.InvariantCulture);

    public static string Ms(double seconds) => (seconds * 1e3).ToString(seconds < 0.01 ? "F2" : "F0", CultureInfo.InvariantCulture) + " ms";

    public static string Us(double seconds) => (seconds * 1e6).ToString("F0", CultureInfo.InvariantCulture) + " µs";

    public static string Seconds(double seconds) => seconds.ToString("F1", CultureInfo.InvariantCulture) + " s";

    /// <summary>Milliseconds below a second, else seconds.</summary>
    public static string Duration(double seconds) => seconds < 1 ? Ms(seconds) : Seconds(seconds);

    public static string MiB(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture) + " MiB";

    public static string Gflops(double perSecond) => (perSecond / 1e9).ToString("F1", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    public static string Int(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
