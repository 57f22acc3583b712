namespace Rnn.Examples.Common;

/// <summary>
/// US federal holidays by their rules in 1969–1988: fixed dates (New Year's Day, Independence Day, Veterans Day outside
/// 1971–1977, Christmas) and the Monday holidays of the Uniform Monday Holiday Act from 1971 (Washington's Birthday,
/// Memorial Day, Columbus Day, Veterans Day 1971–1977), Labor Day, Thanksgiving, and Martin Luther King Jr. Day from 1986.
/// Births dip on them (fewer scheduled deliveries), so forecasters are told about them.
/// </summary>
public static class UsHolidays
{
    private static readonly Dictionary<int, HashSet<DateOnly>> Years = [];

    /// <summary>True when <paramref name="date"/> is a federal holiday (by its date, not the observed weekday).</summary>
    public static bool IsHoliday(DateOnly date)
    {
        lock (Years)
        {
            if (!Years.TryGetValue(date.Year, out var days))
                Years[date.Year] = days = [.. Of(date.Year)];
            return days.Contains(date);
        }
    }

    /// <summary>The federal holidays of <paramref name="year"/>.</summary>
    public static IEnumerable<DateOnly> Of(int year)
    {
        yield return new DateOnly(year, 1, 1);
        if (year >= 1986)
            yield return Nth(year, 1, DayOfWeek.Monday, 3);
        yield return year >= 1971 ? Nth(year, 2, DayOfWeek.Monday, 3) : new DateOnly(year, 2, 22);
        yield return year >= 1971 ? Last(year, 5, DayOfWeek.Monday) : new DateOnly(year, 5, 30);
        yield return new DateOnly(year, 7, 4);
        yield return Nth(year, 9, DayOfWeek.Monday, 1);
        yield return year >= 1971 ? Nth(year, 10, DayOfWeek.Monday, 2) : new DateOnly(year, 10, 12);
        yield return year is >= 1971 and <= 1977 ? Nth(year, 10, DayOfWeek.Monday, 4) : new DateOnly(year, 11, 11);
        yield return Nth(year, 11, DayOfWeek.Thursday, 4);
        yield return new DateOnly(year, 12, 25);
    }

    private static DateOnly Nth(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)day - (int)first.DayOfWeek + 7) % 7 + 7 * (n - 1));
    }

    private static DateOnly Last(int year, int month, DayOfWeek day)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7));
    }
}
