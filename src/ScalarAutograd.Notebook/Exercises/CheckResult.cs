using System.Net;
using Microsoft.DotNet.Interactive.Formatting;

namespace ScalarAutograd.Notebook;

/// <summary>How an exercise check came out.</summary>
public enum CheckOutcome
{
    /// <summary>Every value agreed with <see cref="Value"/>.</summary>
    Passed,

    /// <summary>The code is not written yet: it threw <see cref="NotImplementedException"/>, or a member is missing.</summary>
    ToDo,

    /// <summary>A value differs: the picture marks the first one.</summary>
    Wrong,

    /// <summary>The learner's code threw something else.</summary>
    Threw,
}

/// <summary>
/// What a <see cref="Check"/> found, shown as a card: ✓ and what was checked; a "to do" note for code not written
/// yet; or the learner's graph with the first wrong value in a red box and one sentence under it saying what it
/// should be and why.
/// </summary>
public sealed class CheckResult
{
    internal CheckResult(string exercise, CheckOutcome outcome, string summary, string? caption = null, string? picture = null)
    {
        Exercise = exercise;
        Outcome = outcome;
        Summary = summary;
        Caption = caption;
        Picture = picture;
    }

    /// <summary>What was checked, e.g. "+" or "Backward()".</summary>
    public string Exercise { get; }

    /// <summary>How it came out.</summary>
    public CheckOutcome Outcome { get; }

    /// <summary>True when everything agreed.</summary>
    public bool Passed => Outcome == CheckOutcome.Passed;

    /// <summary>One line: what was checked and how it came out.</summary>
    public string Summary { get; }

    /// <summary>For a wrong value: "b.grad: yours 6, expected −4; …"; otherwise null.</summary>
    public string? Caption { get; }

    // The learner's graph with the wrong value marked (HTML), when there is one.
    internal string? Picture { get; }

    /// <summary>The summary and, for a wrong value, its caption.</summary>
    public override string ToString() => Caption is null ? Summary : $"{Summary}\n{Caption}";

    private (string Colour, string Fill) Look => Outcome switch
    {
        CheckOutcome.Passed => ("#2b8a3e", "#ebfbee"),
        CheckOutcome.ToDo => ("#1864ab", "#e7f5ff"),
        _ => ("#c92a2a", "#fff5f5"),
    };

    internal string Html()
    {
        var (colour, fill) = Look;
        var html = $"<div class=\"scalar-autograd-check\" data-outcome=\"{Outcome}\" style=\"border-left:4px solid {colour};background:{fill};color:#212529;padding:6px 10px;margin:4px 0\">" +
                   $"<div>{WebUtility.HtmlEncode(Summary)}</div>";
        if (Caption is not null) html += $"<div class=\"scalar-autograd-check-caption\" style=\"color:#7d1a1a;margin-top:4px\">{WebUtility.HtmlEncode(Caption)}</div>";
        return html + "</div>" + (Picture ?? "");
    }

    internal static void Register()
    {
        Formatter.Register<CheckResult>((r, w) => w.Write(r.Html()), HtmlFormatter.MimeType);
        Formatter.Register<CheckResult>((r, w) => w.Write(r.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(CheckResult), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }
}
