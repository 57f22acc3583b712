using System.Diagnostics;
using System.Reflection;

namespace Rnn.Onnx.Tests.Triton;

/// <summary>
/// Google's protoc (from Grpc.Tools) as a text-format parser: <c>--encode</c> reads a message in text format against a
/// .proto schema and fails on any unknown field, wrong type, bad enum value or conflicting oneof.
/// </summary>
internal static class Protoc
{
    private static readonly string Schema = Path.Combine(AppContext.BaseDirectory, "Protos", "triton_model_config.proto");

    /// <summary>The binary encoding of <paramref name="text"/> as <c>inference.ModelConfig</c>, or protoc's error.</summary>
    public static (byte[] Binary, string Error) Encode(string text)
    {
        var path = typeof(Protoc).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Protoc").Value!;
        Assert.IsTrue(File.Exists(path), $"protoc is not at {path}");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--encode=inference.ModelConfig", $"--proto_path={Path.GetDirectoryName(Schema)}", Path.GetFileName(Schema) })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        using var binary = new MemoryStream();
        var output = process.StandardOutput.BaseStream.CopyToAsync(binary);
        process.StandardInput.Write(text);
        process.StandardInput.Close();
        output.Wait(TimeSpan.FromSeconds(30));
        Assert.IsTrue(process.WaitForExit(30_000), "protoc did not finish");
        return process.ExitCode == 0 ? (binary.ToArray(), "") : ([], error.Result.Trim() is { Length: > 0 } e ? e : $"exit code {process.ExitCode}");
    }
}
