using Rnn.Examples.Common;

namespace IndustryForecasting;

/// <summary>One month of one industry as the forecasters read it: the unemployed count and the calendar month as a point on a circle (known ahead).</summary>
public sealed class IndustryRow
{
    /// <summary>The covariate columns, in the order the forecaster reads them.</summary>
    public static readonly string[] Covariates = [nameof(MonthSin), nameof(MonthCos)];

    public string Industry { get; set; } = "";

    public DateTime Month { get; set; }

    public float Count { get; set; }

    public float MonthSin { get; set; }

    public float MonthCos { get; set; }

    public static IndustryRow From(Rnn.Examples.Common.IndustryMonth month) => new()
    {
        Industry = month.Industry,
        Month = month.Month.ToDateTime(TimeOnly.MinValue),
        Count = month.Count,
        MonthSin = MathF.Sin(2 * MathF.PI * (month.Month.Month - 1) / 12),
        MonthCos = MathF.Cos(2 * MathF.PI * (month.Month.Month - 1) / 12),
    };

    public float[] CovariateValues() => [MonthSin, MonthCos];
}
