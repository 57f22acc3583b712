using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Rnn.MLNet;

/// <summary>
/// The ML.NET environment a component was created in: the user's <see cref="MLContext"/>, or the environment behind
/// one of its catalogs (<c>mlContext.MulticlassClassification.Trainers</c>, <c>mlContext.Transforms</c>), which is the
/// same environment the context logs through and seeds from.
/// </summary>
internal sealed class HostContext
{
    private const BindingFlags Instance = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;

    private readonly MLContext? _mlContext;
    private MLContext? _builder;

    private HostContext(IHostEnvironment environment, MLContext? mlContext)
    {
        Environment = environment;
        _mlContext = mlContext;
        Devices = new DevicePolicy(this);
    }

    /// <summary>Where this component trains and scores: the one device policy, built here from the context.</summary>
    public DevicePolicy Devices { get; }

    /// <summary>Channels, hosts and seeds come from here; its log reaches <c>MLContext.Log</c>.</summary>
    public IHostEnvironment Environment { get; }

    /// <summary>
    /// An <see cref="MLContext"/> to construct ML.NET's built-in components with (schema stand-ins, saved forms,
    /// featurizer steps): the user's own when known, else a private one (those components neither train nor log).
    /// </summary>
    public MLContext Builder => _mlContext ?? LazyInitializer.EnsureInitialized(ref _builder, () => new MLContext());

    /// <summary><c>MLContext.GpuDeviceId</c> of the environment, read when asked (it may change after a pipeline is built).</summary>
    public int? GpuDeviceId => _mlContext is { } ml ? ml.GpuDeviceId : EnvironmentProperty<int?>(nameof(MLContext.GpuDeviceId), null);

    /// <summary><c>MLContext.FallbackToCpu</c> of the environment.</summary>
    public bool FallbackToCpu => _mlContext is { } ml ? ml.FallbackToCpu : EnvironmentProperty(nameof(MLContext.FallbackToCpu), false);

    public static HostContext From(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new HostContext(mlContext, mlContext);
    }

    /// <summary>The environment behind an ML.NET catalog object.</summary>
    /// <exception cref="NotSupportedException">This version of Microsoft.ML hides the environment differently.</exception>
    public static HostContext FromCatalog(object catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        // ML.NET gives its own packages a catalog's environment through an internal interface (IInternalCatalog,
        // stable since ML.NET 1.0); an extension from another assembly can reach it only by reflection.
        var property = catalog.GetType().GetInterfaces()
            .FirstOrDefault(i => i.FullName == "Microsoft.ML.Data.IInternalCatalog")
            ?.GetProperty("Environment");
        if (property?.GetValue(catalog) is IHostEnvironment environment)
            return new HostContext(environment, environment as MLContext);
        throw new NotSupportedException(
            $"Rnn.MLNet cannot find the ML.NET environment behind {catalog.GetType().FullName} in this version of Microsoft.ML. " +
            "Create the component with its constructor instead, e.g. new RnnTrainer(mlContext, options).");
    }

    // The environment behind a catalog is ML.NET's LocalEnvironment, whose GPU settings are public properties of an
    // internal type (the same values MLContext exposes).
    private T EnvironmentProperty<T>(string name, T fallback) =>
        Environment.GetType().GetProperty(name, Instance)?.GetValue(Environment) is T value ? value : fallback;
}
