namespace Rnn.MLNet;

/// <summary>
/// What the process does about libtorch's recurrent kernels, from the environment variable
/// <see cref="RecurrentKernelModes.Variable"/> (README, "Recurrent kernels"): check each before its first use and reroute a wrong one
/// (the default), trust them unchecked, or force one route for every forward (each still checked).
/// </summary>
internal enum RecurrentKernelMode
{
    /// <summary>Check every kernel before its first use; reroute one that disagrees with the step-by-step computation.</summary>
    Checked,

    /// <summary>libtorch's own choice, never checked (what TorchSharp does by itself).</summary>
    Unchecked,

    /// <summary>Forwards without gradients always run with autograd recording (<see cref="KernelRoute.WithGradients"/>).</summary>
    WithGradients,

    /// <summary>oneDNN off for the process from the first recurrent forward (<see cref="KernelRoute.OneDnnOff"/>).</summary>
    OneDnnOff,

    /// <summary>Every forward over packed sequences (<see cref="KernelRoute.Packed"/>).</summary>
    Packed,
}

/// <summary>Reads <see cref="RecurrentKernelMode"/> from the environment.</summary>
internal static class RecurrentKernelModes
{
    /// <summary>The environment variable that chooses the mode.</summary>
    public const string Variable = "RNN_MLNET_RECURRENT_KERNELS";

    private static readonly (string Name, RecurrentKernelMode Mode)[] Names =
    [
        ("checked", RecurrentKernelMode.Checked),
        ("unchecked", RecurrentKernelMode.Unchecked),
        ("with-gradients", RecurrentKernelMode.WithGradients),
        ("onednn-off", RecurrentKernelMode.OneDnnOff),
        ("packed", RecurrentKernelMode.Packed),
    ];

    /// <summary>The mode <see cref="Variable"/> asks for; <see cref="RecurrentKernelMode.Checked"/> when it is unset.</summary>
    public static RecurrentKernelMode FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    public static RecurrentKernelMode Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return RecurrentKernelMode.Checked;
        foreach (var (name, mode) in Names)
        {
            if (string.Equals(value.Trim(), name, StringComparison.OrdinalIgnoreCase))
                return mode;
        }

        throw new InvalidOperationException(
            $"Environment variable {Variable} is '{value}'; expected one of {string.Join(", ", Names.Select(n => n.Name))} (README, 'Recurrent kernels').");
    }

    /// <summary>The name <see cref="Variable"/> takes for <paramref name="mode"/>.</summary>
    public static string Name(RecurrentKernelMode mode) => Names.First(n => n.Mode == mode).Name;
}
