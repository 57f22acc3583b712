using System.Globalization;
using System.Text.Json;

namespace Rnn.Examples.Common;

/// <summary>
/// Monthly counts of unemployed workers (thousands) in 14 US industries, January 2000 – February 2010: 14 related series of
/// 122 months each, as the npm package <c>vega-datasets</c> ships them in <c>data/unemployment-across-industries.json</c>
/// (rows <c>{series, year, month, count, rate, date}</c>; the U.S. Bureau of Labor Statistics' figures).
/// </summary>
public static class IndustryUnemployment
{
    /// <summary>npm package that contains the data.</summary>
    public const string PackageName = "vega-datasets";

    /// <summary>Pinned package version.</summary>
    public const string PackageVersion = "3.2.1";

    /// <summary>Registry integrity of the pinned tarball, checked before extraction.</summary>
    public const string PackageIntegrity =
        "sha512-lTSwZA6yq6qSU2YZm+6bqILiIvTPPxn4itir7jPGFmHIdPvUfQ9pCzzcrklYywMJgLUbaIeSkZQdiJd6wBxPug==";

    /// <summary>Industries (series) in the data set.</summary>
    public const int Industries = 14;

    /// <summary>Months per industry.</summary>
    public const int Months = 122;

    private const string File = "data/unemployment-across-industries.json";

    /// <summary>Loads every industry's months (fetching the package first if needed), each series oldest first, series in file order.</summary>
    /// <exception cref="InvalidDataException">The file does not hold 14 industries of 122 consecutive months.</exception>
    public static IReadOnlyList<IndustryMonth> Load(Action<string>? log = null)
    {
        var root = NpmPackageFetcher.Fetch(PackageName, PackageVersion, log, PackageIntegrity);
        var path = Path.Combine(root, File);
        if (!System.IO.File.Exists(path))
            throw new InvalidOperationException($"npm package '{PackageName}@{PackageVersion}' was extracted to {root}, but it lacks {File}. Delete {root} to fetch it again.");
        using var stream = System.IO.File.OpenRead(path);
        var rows = JsonSerializer.Deserialize<JsonRow[]>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidDataException($"{path} holds no rows.");
        var months = rows.Select(r => new IndustryMonth(r.Series ?? "", new DateOnly(r.Year, r.Month, 1), r.Count)).ToArray();
        var bySeries = months.GroupBy(m => m.Industry).ToArray();
        if (bySeries.Length != Industries || bySeries.Any(g => g.Count() != Months))
            throw new InvalidDataException(
                $"{path} holds {bySeries.Length} industries of {string.Join("/", bySeries.Select(g => g.Count()).Distinct())} months; expected {Industries} of {Months}.");
        foreach (var series in bySeries)
        {
            var dates = series.Select(m => m.Month).ToArray();
            for (int i = 1; i < dates.Length; i++)
            {
                if (dates[i] != dates[i - 1].AddMonths(1))
                    throw new InvalidDataException(
                        $"{path}, industry '{series.Key}': {dates[i].ToString("yyyy-MM", CultureInfo.InvariantCulture)} does not follow " +
                        $"{dates[i - 1].ToString("yyyy-MM", CultureInfo.InvariantCulture)}; expected consecutive months.");
            }
        }

        return months;
    }

    private sealed class JsonRow
    {
        public string? Series { get; set; }

        public int Year { get; set; }

        public int Month { get; set; }

        public float Count { get; set; }
    }
}

/// <summary>One industry's unemployed count in one month.</summary>
/// <param name="Industry">The series id.</param>
/// <param name="Month">The first day of the month.</param>
/// <param name="Count">Unemployed workers, thousands.</param>
public sealed record IndustryMonth(string Industry, DateOnly Month, float Count);
