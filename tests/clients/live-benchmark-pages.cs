// Writes live-graph pages of about 50 and 500 values (an MLP on one sample) for live-benchmark.js.
//   dotnet run tests/clients/live-benchmark-pages.cs -- OUTDIR     (see live-benchmark.sh)
#:project ../../src/ScalarAutograd.Rendering/ScalarAutograd.Rendering.csproj
using ScalarAutograd;
using ScalarAutograd.Nn;

var folder = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "live-benchmark");
foreach (var (name, sizes) in new[] { ("live-50", new[] { 3, 1 }), ("live-500", new[] { 12, 12, 1 }) })
{
    var model = new MLP(3, sizes, Activation.Tanh, Activation.Tanh, seed: 1);
    var output = model.Forward([new Value(0.5, "x1"), new Value(-1.0, "x2"), new Value(2.0, "x3")])[0];
    output.Label = "out";
    foreach (var color in new[] { false, true })
    {
        var file = Path.Combine(folder, name + (color ? "-color" : "") + ".html");
        output.Live(new LiveOptions { Graph = new GraphOptions { ColorByGrad = color } }).Save(file);
        Console.WriteLine(file);
    }
}
