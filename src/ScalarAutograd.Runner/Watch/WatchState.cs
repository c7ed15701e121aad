using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;


namespace ScalarAutograd.Runner;

/// <summary>
/// The notebook as the page shows it: each cell's source, last outputs and state, and one status line. Only the
/// watch loop changes it; the server reads it under <see cref="Gate"/>. Every change bumps that cell's revision, so
/// an update carries only the cells that changed.
/// </summary>
internal sealed class WatchState(string title)
{
    private sealed class Cell(WatchedCell read)
    {
        public WatchedCell Read { get; set; } = read;
        public List<PageOutput> Outputs { get; set; } = [];
        public string State { get; set; } = read.Code is null ? "markdown" : "notrun";
        public string? Note { get; set; }
        public int Rev { get; set; }
    }

    private List<Cell> _cells = [];
    private int _rev;
    private int _published;
    private string _status = "";
    private bool _warn;
    private bool _busy;

    public Lock Gate { get; } = new();

    public string Title => title;

    public IReadOnlyList<WatchedCell> Cells => _cells.Select(c => c.Read).ToList();

    public string? Code(int index) => _cells[index].Read.Code;

    /// <summary>
    /// Takes a new reading of the file. Code cells keep their outputs by position among code cells; returns the
    /// first code cell to run (the first that changed, or did not run cleanly last time; null: nothing to run) and
    /// whether the kernel must restart (a <c>#r</c>/<c>#i</c>/<c>#:</c> line changed).
    /// </summary>
    public (int? RunFrom, bool Restart) Update(IReadOnlyList<WatchedCell> next)
    {
        lock (Gate)
        {
            var oldCode = _cells.Where(c => c.Read.Code is not null).ToList();
            var restart = _cells.Count > 0 && !WatchedFile.LoadLines(_cells.Select(c => c.Read)).SequenceEqual(WatchedFile.LoadLines(next));
            var cells = new List<Cell>();
            int? runFrom = null;
            var k = 0; // position among code cells
            for (var i = 0; i < next.Count; i++)
            {
                var cell = new Cell(next[i]);
                var before = i < _cells.Count ? _cells[i] : null;
                if (next[i].Code is not null)
                {
                    var old = k < oldCode.Count ? oldCode[k] : null;
                    if (old is not null) (cell.Outputs, cell.State, cell.Note) = (old.Outputs, old.State, old.Note);
                    if (runFrom is null && (restart || old is null || old.Read.Code != next[i].Code || old.State != "fresh")) runFrom = i;
                    k++;
                }
                var same = before is not null && before.Read == cell.Read && ReferenceEquals(before.Outputs, cell.Outputs) && before.State == cell.State;
                cell.Rev = same ? before!.Rev : ++_rev;
                cells.Add(cell);
            }
            _cells = cells;
            return (runFrom, restart);
        }
    }

    /// <summary>Code cells at or after <paramref name="from"/>.</summary>
    public List<int> CodeCellsFrom(int from)
    {
        lock (Gate) return Enumerable.Range(from, Math.Max(0, _cells.Count - from)).Where(i => _cells[i].Read.Code is not null).ToList();
    }

    public void Set(int index, string state, string? note, List<PageOutput>? outputs = null)
    {
        lock (Gate)
        {
            var cell = _cells[index];
            cell.State = state;
            cell.Note = note;
            if (outputs is not null) cell.Outputs = outputs;
            cell.Rev = ++_rev;
        }
    }

    /// <summary>The cells that were not re-run: their outputs are from the previous run, and marked so.</summary>
    public void MarkStale(IEnumerable<int> indices, string why)
    {
        foreach (var i in indices) Set(i, _cells[i].Outputs.Count > 0 || _cells[i].State != "notrun" ? "stale" : "notrun", why);
    }

    public void SetResult(int index, CellResult result) =>
        Set(index, result.Succeeded ? "fresh" : "error", result.Succeeded ? $"{result.Elapsed.TotalSeconds:0.00} s" : FirstLine(result.Error),
            result.Outputs.Select(ToPage).ToList());

    public void SetStatus(string text, bool warn, bool busy)
    {
        lock (Gate) (_status, _warn, _busy, _rev) = (text, warn, busy, _rev + 1);
    }

    /// <summary>Every cell, for the first page and for a page that (re)connects.</summary>
    public string Snapshot()
    {
        lock (Gate) return Message(_cells.Select(ToPage).ToList());
    }

    public IReadOnlyList<PageCell> PageCells()
    {
        lock (Gate) return _cells.Select(ToPage).ToList();
    }

    /// <summary>The cells changed since the last call, as one update message; null when nothing changed.</summary>
    public string? Changes()
    {
        lock (Gate)
        {
            if (_rev == _published) return null;
            var changed = _cells.Select(ToPage).Where(c => c.Rev > _published).ToList();
            _published = _rev;
            return Message(changed);
        }
    }

    private string Message(List<PageCell> cells) =>
        JsonSerializer.Serialize(new { Cells = cells, Count = _cells.Count, Status = _status, Warn = _warn, Busy = _busy });

    private PageCell ToPage(Cell c, int i) => new(i, c.Read.Kind, c.Read.Source, c.Outputs, c.State, c.Note, c.Rev);

    // An output as the page draws it: the shape it crosses the process boundary in, minus the stack trace.
    private static PageOutput ToPage(InteractiveDocumentOutputElement output)
    {
        var record = OutputRecord.From(output);
        return new(record.Kind, record.Data, record.Text, record.Name);
    }

    private static string FirstLine(string? error) =>
        (error ?? "failed").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "failed";
}
