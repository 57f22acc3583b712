// Rnn.MLNet benchmarks. Usage: dotnet run -c Release --project bench/Rnn.Benchmarks -- scoring [--repeats N]
using Rnn.Benchmarks;

var command = args.Length > 0 ? args[0] : "scoring";
int repeats = args.Length > 2 && args[1] == "--repeats" ? int.Parse(args[2]) : 3;
switch (command)
{
    case "scoring":
        ScoringThroughput.Run(repeats);
        return 0;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}'; known: scoring.");
        return 2;
}
