using System.Diagnostics;
using System.Globalization;

namespace Rnn.Benchmarks.Harness;

/// <summary>CPU time of this process in user and kernel mode, and its minor page faults (/proc/self/stat), at one moment.</summary>
internal readonly record struct ProcessTimes(double User, double System, long MinorFaults)
{
    public static ProcessTimes Now()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessTimes(process.UserProcessorTime.TotalSeconds, process.PrivilegedProcessorTime.TotalSeconds, MinorFaultCount());
    }

    private static long MinorFaultCount()
    {
        if (!File.Exists("/proc/self/stat"))
            return 0;
        // Fields after the command name (which may hold spaces, so count from its closing parenthesis): state is
        // field 3 of stat(5); minflt is field 10.
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }
}
