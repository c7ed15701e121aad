using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using ScalarAutograd.Benchmarks;

// dotnet run -c Release --project tests/ScalarAutograd.Benchmarks -- --filter '*'
//   … -- cold [rounds]       the moons loop in fresh console processes, in the runner's kernel and in dotnet interactive stdio (ColdRuns.cs)
//   … -- first-graph [rounds] README's first cell after a fresh kernel starts: runner and dotnet interactive stdio (FirstGraph.cs)
//   … -- cold-replay [rounds] [script.py] the replayed step in fresh processes, beside micrograd's step in CPython
//   … -- page FOLDER [OUT]   PERFORMANCE.md from a run's folder (perf-page.sh makes both)
//   … -- same-step           the floor and the naive port train as the engine does (losses side by side)
//   … -- chain-memory        Backward() of a 10⁷ chain and the memory left after (ChainMemory.cs)
//   … -- page-touch [rounds]  the price of touching a fresh 4 KB page on this machine (PageFaults.cs)
if (args.Length > 0 && args[0].StartsWith("cold", StringComparison.Ordinal)) return ColdRuns.Run(args);
if (args.Length > 0 && args[0] == "first-graph") return FirstGraph.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
if (args.Length > 0 && args[0] == "chain-memory") return ChainMemory.Run();
if (args.Length > 0 && args[0] == "page-touch") return PageFaults.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
if (args.Length > 0 && args[0] == "same-step") return MoonsLoop.SameStep();
if (args.Length > 1 && args[0] == "page") return PageCommand.Write(args[1], args.Length > 2 ? args[2] : null);
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
