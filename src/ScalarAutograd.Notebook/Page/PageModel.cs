#if SCALAR_AUTOGRAD_RUNNER // compiled into the runner too (see its .csproj), in its namespace
namespace ScalarAutograd.Runner;
#else
namespace ScalarAutograd.Notebook;
#endif

/// <summary>One output as the notebook page draws it: display data (MIME type → text), a stream's text, or an error.</summary>
internal sealed record PageOutput(string Kind, Dictionary<string, string>? Data = null, string? Text = null, string? Name = null);

/// <summary>
/// One cell as the notebook page draws it. <see cref="State"/> is <c>markdown</c>, <c>fresh</c> (this run),
/// <c>queued</c>/<c>running</c>, <c>error</c>, <c>stale</c> (outputs from the previous run) or <c>notrun</c>;
/// <see cref="Note"/> is the one line shown beside it; <see cref="Rev"/> grows with every change, so the page
/// redraws only what changed.
/// </summary>
internal sealed record PageCell(int Index, string Kind, string Source, List<PageOutput> Outputs, string State, string? Note, int Rev);
