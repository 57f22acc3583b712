namespace Rnn.Onnx.Tests.Support;

/// <summary>Temporary model files, deleted when disposed.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(byte[]? contents = null, string extension = ".onnx")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rnn-onnx-test-{Guid.NewGuid():N}{extension}");
        if (contents is not null)
            File.WriteAllBytes(Path, contents);
    }

    public string Path { get; }

    public void Dispose()
    {
        try { File.Delete(Path); }
        catch (IOException) { }
    }
}
