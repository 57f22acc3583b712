using System.Reflection;

namespace Rnn.Onnx.Export;

/// <summary>
/// Who wrote a model, as ONNX's <c>producer_name</c> and <c>producer_version</c> record it: this package by default; an
/// application that exports through it (Rnn.MLNet, say) passes its own name.
/// </summary>
internal static class OnnxProducer
{
    public const string Name = "Rnn.Onnx";

    /// <summary>This package's version, without the "+commit" suffix the SDK appends (the version is what readers care about).</summary>
    public static string Version()
    {
        var assembly = typeof(OnnxProducer).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "";
    }
}
