using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>The optimizer the options ask for, and the one way the loop changes its learning rate.</summary>
internal static class OptimizerFactory
{
    /// <summary>
    /// Adam, or AdamW when <see cref="RnnTrainerOptions.WeightDecay"/> is set (decoupled decay); SGD with momentum and
    /// the classic L2 weight decay. Each with a step safe under concurrent garbage collection (see <see cref="StepScalars"/>).
    /// </summary>
    public static optim.Optimizer Create(RnnTrainerOptions options, IEnumerable<Parameter> parameters) => options.Optimizer switch
    {
        RnnOptimizer.Sgd => new GcSafeSgd(parameters, options.LearningRate, options.Momentum, options.WeightDecay),
        _ when options.WeightDecay > 0 => new GcSafeAdamW(parameters, options.LearningRate, options.WeightDecay),
        _ => new GcSafeAdam(parameters, options.LearningRate),
    };

    public static void SetLearningRate(optim.Optimizer optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups)
            group.LearningRate = rate;
    }
}
