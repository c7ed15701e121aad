using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// Memory around Backward() of a 10⁷ chain, in a fresh process: the time of the call and its first touches of memory
/// (minor page faults, PageFaults.cs), the peak working set, and what is still alive once the chain is dropped
/// (nothing the engine owns should keep it).
///   dotnet run -c Release --project tests/ScalarAutograd.Benchmarks -- chain-memory
/// </summary>
internal static class ChainMemory
{
    public static int Run()
    {
        var before = Live();
        var (time, alive) = BuildDifferentiateAndDrop(10_000_000);
        var after = Live();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"10^7 chain: Backward() {time:F0} ms; peak working set {self.PeakWorkingSet64 / 1e6:F0} MB; " +
                          $"managed heap after dropping the chain {after / 1e6:F1} MB (before building it {before / 1e6:F1} MB); " +
                          $"chain still alive: {alive.IsAlive}");
        return alive.IsAlive ? 1 : 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (double Ms, WeakReference Alive) BuildDifferentiateAndDrop(int depth)
    {
        var x = new Value(1.0);
        var v = x;
        for (var i = 0; i < depth; i++) v += x;
        var times = new List<string>();
        var first = 0.0;
        string[] what = ["first call, buffers made", "second, buffers reused", "third, reused", "after GC.Collect(), buffers made again"];
        for (var call = 0; call < 4; call++)
        {
            if (call == 3) GC.Collect(); // the weakly kept buffers go: this call grows them again
            var gcs = GC.CollectionCount(2);
            var pause = GC.GetTotalPauseDuration();
            var faults = PageFaults.Minor();
            var watch = Stopwatch.StartNew();
            v.Backward();
            var ms = watch.Elapsed.TotalMilliseconds;
            faults = PageFaults.Minor() - faults;
            if (call == 0) first = ms;
            times.Add($"  {what[call]}: {ms:F0} ms ({GC.CollectionCount(2) - gcs} gen2 GCs, {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms paused, {faults} minor page faults)");
        }
        Console.WriteLine("Backward() of a 10^7 chain, four calls in a row:\n" + string.Join("\n", times));
        return (first, new WeakReference(v));
    }

    private static long Live()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
