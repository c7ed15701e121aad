using System.Diagnostics;

namespace ScalarAutograd.Benchmarks;

/// <summary>
/// What a learner waits for when a cell draws the lecture graph: build it, Backward(), ToSvg(), timed from the first
/// render in the process (which loads Graphviz) on. The same code runs in a console process (<see cref="Run"/>) and,
/// as a cell, inside the notebook kernel (<see cref="CellSource"/>), beside `dot -Tsvg` as a subprocess.
/// </summary>
internal static class RenderLoop
{
    public static double[] Run(int renders)
    {
        var times = new double[renders];
        for (var k = 0; k < renders; k++)
        {
            var L = Lecture.BackpropagatedL();
            var start = Stopwatch.GetTimestamp();
            GC.KeepAlive(L.ToSvg());
            times[k] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return times;
    }

    /// <summary>The same loop as a notebook cell (the lecture graph written out): prints one line, "step-ms: t1 t2 …".</summary>
    public static string CellSource(int renders) => $$"""
        {
            var times = new double[{{renders}}];
            for (var k = 0; k < times.Length; k++)
            {
                var a = new Value(2.0, "a");
                var b = new Value(-3.0, "b");
                var c = new Value(10.0, "c");
                var f = new Value(-2.0, "f");
                var e = a * b; e.Label = "e";
                var d = e + c; d.Label = "d";
                var L = d * f; L.Label = "L";
                L.Backward();
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                GC.KeepAlive(L.ToSvg());
                times[k] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            Console.WriteLine("step-ms: " + string.Join(" ", times.Select(t => t.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        }
        """;

    /// <summary>`dot -Tsvg` on the same graph's DOT text, one subprocess per render, as a shell-out would do it.</summary>
    public static double[] DotSubprocess(int renders)
    {
        var dot = Lecture.BackpropagatedL().ToDot();
        var times = new double[renders];
        for (var k = 0; k < renders; k++)
        {
            var start = Stopwatch.GetTimestamp();
            var info = new ProcessStartInfo("dot", "-Tsvg") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(info)!;
            process.StandardInput.Write(dot);
            process.StandardInput.Close();
            GC.KeepAlive(process.StandardOutput.ReadToEnd());
            process.WaitForExit();
            times[k] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return times;
    }
}
