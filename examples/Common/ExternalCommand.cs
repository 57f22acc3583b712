using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Rnn.Examples.Common;

/// <summary>
/// Runs a command-line tool (apt-get, dpkg, npm) for the fetchers: no shell, no console prompts,
/// stdout lines to the log callback, stderr captured for error messages.
/// </summary>
internal static class ExternalCommand
{
    /// <summary>Exit code and captured standard error of a finished command.</summary>
    public sealed record Result(int ExitCode, string StdErr);

    /// <summary>Runs <paramref name="fileName"/> and waits for it to finish.</summary>
    /// <param name="fileName">Program on PATH.</param>
    /// <param name="args">Arguments, passed without a shell (no quoting issues, no injection).</param>
    /// <param name="workingDirectory">Working directory of the command.</param>
    /// <param name="log">Receives each non-empty stdout line, indented; may be null.</param>
    /// <param name="notFoundMessage">Message of the exception thrown when the program cannot be started.</param>
    /// <exception cref="InvalidOperationException">The program is not on PATH or not executable.</exception>
    public static Result Run(string fileName, IReadOnlyList<string> args, string workingDirectory,
        Action<string>? log, string notFoundMessage)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // never let a tool wait for a prompt on our console
            UseShellExecute = false,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        // Stable English messages, so callers can recognise e.g. "Unable to locate package".
        psi.Environment["LC_ALL"] = "C";

        var stderr = new StringBuilder();
        using var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
                log?.Invoke("  " + e.Data.Trim());
        };
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.AppendLine(e.Data);
        };

        try
        {
            p.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Cannot run '{fileName}': it is not on PATH or not executable. {notFoundMessage}", ex);
        }

        p.StandardInput.Close();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        p.WaitForExit(); // the parameterless overload also waits for the redirected streams to drain
        lock (stderr)
            return new Result(p.ExitCode, stderr.ToString().TrimEnd());
    }

    /// <summary>Indents captured output for inclusion in an exception message.</summary>
    public static string Indent(string text, int spaces = 2)
    {
        if (string.IsNullOrWhiteSpace(text))
            return " (no error output)";
        var pad = new string(' ', spaces);
        return Environment.NewLine + string.Join(Environment.NewLine,
            text.Split('\n').Select(l => pad + l.TrimEnd('\r')));
    }
}
