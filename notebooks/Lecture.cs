#:project ../src/ScalarAutograd/ScalarAutograd.csproj
#:project ../src/ScalarAutograd.Rendering/ScalarAutograd.Rendering.csproj
#:project ../src/ScalarAutograd.Notebook/ScalarAutograd.Notebook.csproj
#:package Microsoft.DotNet.Interactive@1.0.0-beta.26120.1
#:package Microsoft.DotNet.Interactive.Formatting@1.0.0-beta.26120.1
#:property ManagePackageVersionsCentrally=false
#:property PublishAot=false
using ScalarAutograd;
using ScalarAutograd.Notebook;
using static ScalarAutograd.Notebook.FileNotebook;

// %% [markdown]
// # The lecture's graph, as a C# file
//
// A notebook without a notebook extension: cells are split by `// %%` lines, `Show(x)` is a cell's output.
// `dotnet run notebooks/Lecture.cs` writes `notebooks/Lecture.html`; `bash src/run.sh --watch notebooks/Lecture.cs`
// serves the page and re-runs the cells below each save. Change `2.0` in `new Value(2.0, "a")` to `3.0` and save:
// L becomes −2.
//
// L = (a·b + c)·f. After `Backward()`: **L = −8**, **a.grad = 6**, **b.grad = −4**, **c.grad = −2**,
// **f.grad = 4**.

// %%
var a = new Value(2.0, "a");
var b = new Value(-3.0, "b");
var c = new Value(10.0, "c");
var f = new Value(-2.0, "f");
var e = a * b; e.Label = "e";
var d = e + c; d.Label = "d";
var L = d * f; L.Label = "L";
L.Backward();
Show(L);

// %% [markdown]
// ## An edit
//
// Raise c from 10 to 12 and run backward again: d = −6 + 12, so **L = −12** and **f.grad = 6**, while
// **a.grad = 6** and **b.grad = −4** do not depend on c. The changed numbers are marked.

// %%
var before = L.Snapshot();
c.Data = 12;
L.ZeroGrad();
L.Backward();
Show(Graphs.SideBySide(before, L));
