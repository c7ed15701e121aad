using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// Minor page faults: each is the first touch of a 4 KB page the process had not touched, which the OS maps then.
/// A fresh process or kernel pays one per page its collector hands out for the first time, so a row's gap can be
/// split into "first touch of memory" and the rest: the count from <c>/proc/self/stat</c>, the price of one from
/// <see cref="Run"/> on the same machine.
///   dotnet run -c Release --project tests/ScalarAutograd.Benchmarks -- page-touch [rounds]
/// </summary>
internal static class PageFaults
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private const int PageSize = 4096;
    private const int Block = 64 << 20; // malloc maps a block this large freshly from the OS: every page is new

    /// <summary>
    /// <see cref="Minor"/> as C# source, for a notebook cell (which cannot call this assembly): the process's minor
    /// faults so far, −1 where there is no <c>/proc</c>.
    /// </summary>
    public const string Expression =
        "(System.IO.File.Exists(\"/proc/self/stat\") ? long.Parse(System.IO.File.ReadAllText(\"/proc/self/stat\").Split(')')[^1].Split(' ', System.StringSplitOptions.RemoveEmptyEntries)[7]) : -1L)";

    /// <summary>The process's minor page faults so far (field 10 of <c>/proc/self/stat</c>), −1 where there is none.</summary>
    public static long Minor() =>
        File.Exists("/proc/self/stat") ? long.Parse(File.ReadAllText("/proc/self/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[7], Invariant) : -1L;

    /// <summary>
    /// The price of a first touch on this machine: write one byte in each 4 KB page of a freshly mapped 64 MB block,
    /// then again in the same pages (mapped by then), <paramref name="rounds"/> times.
    /// </summary>
    public static int Run(int rounds)
    {
        var first = new List<double>();
        var again = new List<double>();
        var faultsPerPage = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var block = Marshal.AllocHGlobal(Block);
            try
            {
                var before = Minor();
                first.Add(MicrosecondsPerPage(block));
                faultsPerPage.Add((Minor() - before) / (double)(Block / PageSize));
                again.Add(MicrosecondsPerPage(block));
            }
            finally
            {
                Marshal.FreeHGlobal(block);
            }
        }
        static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        Console.WriteLine($"first touch of a 4 KB page: median {Median(first).ToString("F2", Invariant)} µs " +
                          $"(rounds {first.Min().ToString("F2", Invariant)}–{first.Max().ToString("F2", Invariant)} µs over {rounds} blocks of 64 MB; " +
                          $"{faultsPerPage.Average().ToString("F2", Invariant)} minor faults a page); " +
                          $"touching it again: {Median(again).ToString("F3", Invariant)} µs a page");
        return 0;
    }

    private static double MicrosecondsPerPage(IntPtr block)
    {
        var start = Stopwatch.GetTimestamp();
        for (var offset = 0; offset < Block; offset += PageSize) Marshal.WriteByte(block, offset, 1);
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / (Block / PageSize);
    }
}
