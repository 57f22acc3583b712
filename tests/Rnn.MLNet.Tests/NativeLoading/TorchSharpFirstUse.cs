namespace Rnn.MLNet.Tests;

/// <summary>
/// Some tests call TorchSharp before any Rnn.MLNet API (e.g. torch.random.manual_seed in the parity tests), so this
/// assembly does what the README asks of such apps: load through Rnn.MLNet first, whatever order the tests run in.
/// </summary>
[TestClass]
public static class TorchSharpFirstUse
{
    [AssemblyInitialize]
    public static void LoadThroughRnnMLNet(TestContext context) => TorchRuntime.EnsureLoaded();
}
