namespace Rnn.Onnx.Tests;

/// <summary>
/// Rnn.Onnx references ONNX Runtime's managed API only: an app without the native runtime must be told which package
/// to add. (CI's consumer step also runs a packaged app with its libonnxruntime.so removed.)
/// </summary>
[TestClass]
public sealed class MissingNativeRuntimeTests
{
    [TestMethod]
    public void MessageNamesBothRuntimePackagesAndTheVersion()
    {
        var message = OnnxRuntimeNatives.Explain(new DllNotFoundException("Unable to load shared library 'onnxruntime'"), "1.31.0");
        StringAssert.StartsWith(message, "ONNX Runtime's native library (onnxruntime) could not be loaded.");
        StringAssert.Contains(message, "dotnet add package Microsoft.ML.OnnxRuntime --version 1.31.0");
        StringAssert.Contains(message, "Microsoft.ML.OnnxRuntime.Gpu.Linux");
        StringAssert.EndsWith(message, "Loader said: Unable to load shared library 'onnxruntime'");
    }

    [TestMethod]
    public void TheTestAppsOwnRuntimeLoads() => OnnxRuntimeNatives.EnsureLoaded();
}
