using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ScalarAutograd.Notebook;

/// <summary>
/// What each C# submission declared, to explain C# scripting's rule when it bites: a cell that declares a type again
/// makes a <em>new</em> type, and what earlier cells compiled (helpers, extension methods, variables, classes) still
/// uses the old one. Knows, per type name, which submissions declared it, and per member, which script-declared types
/// its signature uses.
/// </summary>
internal sealed class SubmissionHistory
{
    // Errors that say one type is not another: no such member (CS1061), wrong receiver (CS1929), argument (CS1503),
    // conversion (CS0029, CS0266, CS0030), operator (CS0019, CS0023).
    private static readonly HashSet<string> MixedTypeErrors = ["CS1929", "CS1503", "CS0029", "CS1061", "CS0266", "CS0030", "CS0019", "CS0023"];
    private const int MembersNamed = 3;

    private readonly object _gate = new();
    private readonly Dictionary<string, string> _cells = []; // script class ("Submission#7") → the cell's first line
    private readonly Dictionary<string, List<string>> _typeDeclarations = []; // type name → script classes, in order
    private readonly Dictionary<string, Member> _members = []; // member name → its latest declaration

    private sealed record Member(string Shown, string Script, HashSet<(string Type, string Script)> Uses);

    /// <summary>Records what a submission that compiled declared.</summary>
    public void Record(string code, Compilation compilation)
    {
        if (compilation.ScriptClass is not { } script) return;
        lock (_gate)
        {
            _cells[script.Name] = FirstLine(code);
            foreach (var type in script.GetTypeMembers())
            {
                if (!_typeDeclarations.TryGetValue(type.Name, out var declarations)) _typeDeclarations[type.Name] = declarations = [];
                declarations.Add(script.Name);
                _members[type.Name] = new Member($"`{type.Name}`", script.Name, [.. type.GetMembers().SelectMany(SignatureTypes).Where(u => u.Type != type.Name)]);
            }
            foreach (var member in script.GetMembers())
            {
                if (member.IsImplicitlyDeclared || !member.CanBeReferencedByName || member is ITypeSymbol) continue;
                _members[member.Name] = new Member(member is IMethodSymbol ? $"`{member.Name}()`" : $"`{member.Name}`", script.Name, [.. SignatureTypes(member)]);
            }
        }
    }

    /// <summary>
    /// One line that says which type was declared again and what in this cell still uses the old one, or null when
    /// the errors are not about a type declared again.
    /// </summary>
    public string? Hint(string code, IEnumerable<(string Code, string Message)> errors)
    {
        lock (_gate)
        {
            var redeclared = _typeDeclarations.Where(p => p.Value.Count > 1).Select(p => p.Key).ToList();
            if (redeclared.Count == 0) return null;
            var messages = errors.Where(e => MixedTypeErrors.Contains(e.Code)).Select(e => e.Message).ToList();
            var type = redeclared.FirstOrDefault(t => messages.Any(m => Regex.IsMatch(m, $@"(?<![\w#]){Regex.Escape(t)}(?!\w)")));
            if (type is null) return null;

            var latest = _typeDeclarations[type][^1];
            var used = Identifiers(code);
            var stale = _members.Where(p => used.Contains(p.Key) && p.Value.Uses.Any(u => u.Type == type && u.Script != latest))
                .Select(p => p.Value).Take(MembersNamed).ToList();
            var through = stale.Count == 0
                ? $"this cell mixes it with something compiled before, which still uses the old `{type}`"
                : $"this cell still uses the old `{type}` through {string.Join(", ", stale.Select(m => $"{m.Shown} (from the cell starting \"{_cells.GetValueOrDefault(m.Script, "?")}\")"))}";
            return $"{RedefinitionHint.Prefix}`{type}` was declared again when the cell starting \"{_cells.GetValueOrDefault(latest, "?")}\" ran, which makes a new type; "
                   + through + $". Re-run the cells below that one, in order, down to this one (VS Code: Run Cells Below; Jupyter: Run Selected Cell and All Below).";
        }
    }

    // The types declared by earlier cells that a member's signature names: field and property types, a method's
    // return and parameter types, with their type arguments and array elements.
    private static IEnumerable<(string Type, string Script)> SignatureTypes(ISymbol member) => member switch
    {
        IFieldSymbol f => ScriptTypes(f.Type),
        IPropertySymbol p => ScriptTypes(p.Type).Concat(p.Parameters.SelectMany(x => ScriptTypes(x.Type))),
        IMethodSymbol m => ScriptTypes(m.ReturnType).Concat(m.Parameters.SelectMany(x => ScriptTypes(x.Type))),
        IEventSymbol e => ScriptTypes(e.Type),
        _ => [],
    };

    private static IEnumerable<(string Type, string Script)> ScriptTypes(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                foreach (var t in ScriptTypes(array.ElementType)) yield return t;
                break;
            case INamedTypeSymbol named:
                var outer = named;
                while (outer.ContainingType is { IsScriptClass: false } parent) outer = parent;
                if (outer.ContainingType is { IsScriptClass: true } script) yield return (outer.Name, script.Name);
                foreach (var argument in named.TypeArguments)
                {
                    foreach (var t in ScriptTypes(argument)) yield return t;
                }
                break;
        }
    }

    private static HashSet<string> Identifiers(string code) =>
    [
        .. CSharpSyntaxTree.ParseText(code, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script)).GetRoot()
            .DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText),
    ];

    /// <summary>How the hint names a cell: its first non-blank line, shortened.</summary>
    public static string FirstLine(string code)
    {
        var line = code.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length > 60 ? line[..59] + "…" : line;
    }
}
