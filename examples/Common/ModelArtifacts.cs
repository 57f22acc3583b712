using Microsoft.ML;
using Rnn.MLNet;

namespace Rnn.Examples.Common;

/// <summary>Where examples write their trained models: ./artifacts/NAME.onnx (for RnnOnnxScorer) and NAME.zip (ML.NET).</summary>
public static class ModelArtifacts
{
    /// <summary>Folder for trained models, created on demand (override with --artifacts).</summary>
    public static string Folder(ExampleArguments args)
    {
        var folder = Path.GetFullPath(args.GetString("artifacts", "artifacts"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Exports the network as ONNX and saves the whole fitted pipeline as an ML.NET model; returns both paths.</summary>
    public static (string Onnx, string Zip) Save(MLContext mlContext, ITransformer pipeline, RnnTransformer network, DataViewSchema inputSchema, ExampleArguments args, string name)
    {
        var folder = Folder(args);
        var onnx = Path.Combine(folder, name + ".onnx");
        var zip = Path.Combine(folder, name + ".zip");
        network.ExportOnnx(onnx);
        mlContext.Model.Save(pipeline, inputSchema, zip);
        return (onnx, zip);
    }
}
