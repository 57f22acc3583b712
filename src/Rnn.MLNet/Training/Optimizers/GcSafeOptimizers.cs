using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rnn.MLNet;

// TorchSharp's managed optimizers pass implicitly converted scalars to libtorch (see StepScalars): a collection on
// another thread (a progress display, a web server) during training can free one mid-call. These keep TorchSharp's
// parameter groups, state and state-dict format (so checkpoints are unchanged) and replace only the step.

/// <summary>Adam with a step that is safe under concurrent garbage collection.</summary>
internal sealed class GcSafeAdam(IEnumerable<Parameter> parameters, double learningRate) : Adam(parameters, learningRate)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        foreach (var parameter in group.Parameters)
        {
            var gradient = parameter.grad;
            if (gradient is null)
                continue;
            var state = (State)_state[parameter.Handle];
            AdamUpdate.Apply(parameter, gradient, ref state.step, state.exp_avg, state.exp_avg_sq, ref state.max_exp_avg_sq,
                options.LearningRate!.Value, options.beta1!.Value, options.beta2!.Value, options.eps!.Value, options.weight_decay!.Value,
                decoupledDecay: false, options.amsgrad!.Value, options.maximize!.Value);
        }
    }, closure);
}

/// <summary>AdamW (decoupled weight decay) with a step that is safe under concurrent garbage collection.</summary>
internal sealed class GcSafeAdamW(IEnumerable<Parameter> parameters, double learningRate, double weightDecay)
    : AdamW(parameters, learningRate, weight_decay: weightDecay)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        foreach (var parameter in group.Parameters)
        {
            var gradient = parameter.grad;
            if (gradient is null)
                continue;
            var state = (State)_state[parameter.Handle];
            AdamUpdate.Apply(parameter, gradient, ref state.step, state.exp_avg, state.exp_avg_sq, ref state.max_exp_avg_sq,
                options.LearningRate!.Value, options.beta1!.Value, options.beta2!.Value, options.eps!.Value, options.weight_decay!.Value,
                decoupledDecay: true, options.amsgrad!.Value, options.maximize!.Value);
        }
    }, closure);
}

/// <summary>SGD with momentum (PyTorch's algorithm) with a step that is safe under concurrent garbage collection.</summary>
internal sealed class GcSafeSgd(IEnumerable<Parameter> parameters, double learningRate, double momentum, double weightDecay)
    : SGD(parameters, learningRate, momentum: momentum, weight_decay: weightDecay)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = group.Options;
        double rate = options.LearningRate!.Value, momentumFactor = options.momentum!.Value, dampening = options.dampening!.Value;
        double decay = options.weight_decay!.Value;
        using var scalars = new StepScalars();
        foreach (var parameter in group.Parameters)
        {
            var gradient = parameter.grad;
            if (gradient is null)
                continue;
            var state = (State)_state[parameter.Handle];
            if (decay != 0)
                gradient = gradient.add(parameter, scalars.Of(decay));
            if (momentumFactor != 0)
            {
                if (state.momentum_buffer is null)
                    state.momentum_buffer = gradient.clone().detach().DetachFromDisposeScope();
                else
                    state.momentum_buffer.mul_(scalars.Of(momentumFactor)).add_(gradient, scalars.Of(1 - dampening));
                gradient = options.nesterov!.Value ? gradient.add(state.momentum_buffer, scalars.Of(momentumFactor)) : state.momentum_buffer;
            }

            parameter.add_(gradient, scalars.Of(options.maximize!.Value ? rate : -rate));
        }
    }, closure);
}
