using Aspire.Sandbox.Bench;
using Aspire.Sandbox.Bench.Blackbox;
using Aspire.Sandbox.Bench.Relay;

// dotnet run -c Release --project bench/Aspire.Sandbox.Bench -- all | sandbox [samples] | relay | idle | whole | bus | blackbox | preview
// (blackbox: the README-started app measured from outside; not part of all — BENCHMARKS.md, issue 14)
// Prints a Markdown table: each figure beside the floor it sits on, measured in the same run.
var what = args.FirstOrDefault() ?? "sandbox";
var samples = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
var image = Environment.GetEnvironmentVariable("SANDBOX_IMAGE") ?? "aspire-sandbox:latest";

IReadOnlyList<Row> rows = what switch
{
    "sandbox" => await new SandboxBenchmark(samples, image).RunAsync(),
    _ when BusBenchmarks.Names.Contains(what) => await BusBenchmarks.RunAsync(what),
    "blackbox" => await BlackboxBenchmark.FromEnvironment().RunAsync(),
    "preview" => await Aspire.Sandbox.Bench.Preview.PreviewBenchmark.FromEnvironment().RunAsync(),
    "all" => [.. await new SandboxBenchmark(samples, image).RunAsync(), .. await BusBenchmarks.RunAsync("bus")],
    _ => throw new ArgumentException($"Unknown benchmark '{what}'. Try: all, sandbox, relay, idle, whole, bus, blackbox, preview"),
};

Console.WriteLine($"| figure | ours | floor (same run) | ratio | target |");
Console.WriteLine("| --- | --- | --- | --- | --- |");
foreach (var row in rows) Console.WriteLine($"| {row.Figure} | {row.Ours} | {row.Floor} | {row.Ratio} | {row.Target} |");
