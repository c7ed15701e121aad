using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using ScalarAutograd.Benchmarks;

// dotnet run -c Release --project tests/ScalarAutograd.Benchmarks -- --filter '*'
//   … -- cold [rounds]       the moons loop in fresh console processes and inside the notebook kernel (ColdRuns.cs)
//   … -- cold-replay [rounds] [script.py] the replayed step in fresh processes, beside micrograd's step in CPython
//   … -- chain-memory        Backward() of a 10⁷ chain and the memory left after (ChainMemory.cs)
if (args.Length > 0 && args[0].StartsWith("cold", StringComparison.Ordinal)) return ColdRuns.Run(args);
if (args.Length > 0 && args[0] == "chain-memory") return ChainMemory.Run();
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
