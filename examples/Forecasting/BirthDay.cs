using Rnn.Examples.Common;

namespace Forecasting;

/// <summary>
/// One day of the births series as the forecaster reads it: the count, and calendar covariates known in advance for every day
/// (day of week as seven flags, month, day of month, day of year, and whether the day, the day before or the day after is a
/// federal holiday). FastTree is given exactly the same values.
/// </summary>
public sealed class BirthDay
{
    /// <summary>The covariate columns, in the order the forecaster reads them.</summary>
    public static readonly string[] Covariates =
    [
        nameof(Monday), nameof(Tuesday), nameof(Wednesday), nameof(Thursday), nameof(Friday), nameof(Saturday), nameof(Sunday),
        nameof(Month), nameof(DayOfMonth), nameof(DayOfYear), nameof(Holiday), nameof(DayBeforeHoliday), nameof(DayAfterHoliday),
    ];

    public DateTime Date { get; set; }

    public float Births { get; set; }

    public float Monday { get; set; }

    public float Tuesday { get; set; }

    public float Wednesday { get; set; }

    public float Thursday { get; set; }

    public float Friday { get; set; }

    public float Saturday { get; set; }

    public float Sunday { get; set; }

    public float Month { get; set; }

    public float DayOfMonth { get; set; }

    public float DayOfYear { get; set; }

    public float Holiday { get; set; }

    public float DayBeforeHoliday { get; set; }

    public float DayAfterHoliday { get; set; }

    public static BirthDay From(BirthCount day)
    {
        var date = day.Date;
        float Is(DayOfWeek d) => date.DayOfWeek == d ? 1 : 0;
        return new BirthDay
        {
            Date = date.ToDateTime(TimeOnly.MinValue),
            Births = day.Births,
            Monday = Is(DayOfWeek.Monday),
            Tuesday = Is(DayOfWeek.Tuesday),
            Wednesday = Is(DayOfWeek.Wednesday),
            Thursday = Is(DayOfWeek.Thursday),
            Friday = Is(DayOfWeek.Friday),
            Saturday = Is(DayOfWeek.Saturday),
            Sunday = Is(DayOfWeek.Sunday),
            Month = date.Month,
            DayOfMonth = date.Day,
            DayOfYear = date.DayOfYear,
            Holiday = UsHolidays.IsHoliday(date) ? 1 : 0,
            DayBeforeHoliday = UsHolidays.IsHoliday(date.AddDays(1)) ? 1 : 0,
            DayAfterHoliday = UsHolidays.IsHoliday(date.AddDays(-1)) ? 1 : 0,
        };
    }

    /// <summary>The covariates in <see cref="Covariates"/> order.</summary>
    public float[] CovariateValues() =>
        [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday, Month, DayOfMonth, DayOfYear, Holiday, DayBeforeHoliday, DayAfterHoliday];
}
