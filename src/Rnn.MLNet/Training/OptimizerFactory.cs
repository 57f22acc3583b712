using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rnn.MLNet;

/// <summary>The optimizer the options ask for, and the one way the loop changes its learning rate.</summary>
internal static class OptimizerFactory
{
    /// <summary>
    /// Adam, or AdamW when <see cref="RnnTrainerOptions.WeightDecay"/> is set (decoupled decay); SGD with momentum and
    /// the classic L2 weight decay.
    /// </summary>
    public static optim.Optimizer Create(RnnTrainerOptions options, IEnumerable<Parameter> parameters) => options.Optimizer switch
    {
        RnnOptimizer.Sgd => optim.SGD(parameters, options.LearningRate, momentum: options.Momentum, weight_decay: options.WeightDecay),
        _ when options.WeightDecay > 0 => optim.AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay),
        _ => optim.Adam(parameters, options.LearningRate),
    };

    public static void SetLearningRate(optim.Optimizer optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups)
            group.LearningRate = rate;
    }
}
