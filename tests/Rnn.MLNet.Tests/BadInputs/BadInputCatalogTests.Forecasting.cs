namespace Rnn.MLNet.Tests;

/// <summary>Forecasting's bad inputs: series columns, window and horizon options, gaps, order and short histories.</summary>
public sealed partial class BadInputCatalogTests
{
    private static readonly Dictionary<string, Func<BadInput>> ForecastingCases = new()
    {
    };
}
