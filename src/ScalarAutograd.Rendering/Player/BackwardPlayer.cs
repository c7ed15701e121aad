using System.Globalization;
using System.Net;
using System.Text;

namespace ScalarAutograd.Rendering;

/// <summary>
/// The HTML of the backprop player: one caption and picture per frame, controls and a few lines of inline script.
/// Without the script (an untrusted notebook, a sanitizer) the controls stay hidden and every frame shows in order.
/// </summary>
internal static class BackwardPlayer
{
    /// <summary>One frame: what happened (lines), the picture, and a description of the picture.</summary>
    public sealed record Frame(string Caption, string Svg, string Alt);

    public static string Html(IReadOnlyList<Frame> frames)
    {
        var id = "scalar-autograd-player-" + Guid.NewGuid().ToString("N"); // unique on a page with many outputs
        var html = new StringBuilder();
        html.Append("<div id=\"").Append(id).Append("\" class=\"scalar-autograd-player\" tabindex=\"0\" style=\"font-family:sans-serif;outline:none\">\n");
        // Every frame carries the same note (a simplified layout); a big frame leaves it out of view: say it once above.
        if (frames.Count > 0) html.Append(SvgHtml.NoteAbove(frames[0].Svg, SvgHtml.NaturalSize(frames[0].Svg).Height));
        // The controls are made by the script: where scripts are stripped there is nothing dead to click.
        var controls = new StringBuilder()
            .Append("<button type=\"button\" data-go=\"-1\" title=\"previous step (←)\">&#9664; previous</button> ")
            .Append("<button type=\"button\" data-play title=\"play / pause (space)\">&#9654; play</button> ")
            .Append("<button type=\"button\" data-go=\"1\" title=\"next step (→)\">next &#9654;</button> ")
            .Append("<input type=\"range\" min=\"0\" max=\"").Append(frames.Count - 1)
            .Append("\" value=\"0\" style=\"width:240px;vertical-align:middle\"> ")
            .Append("<span data-position></span> <span style=\"opacity:0.75\">(click the player, then ← → keys)</span>").ToString();
        // Room for the longest caption in every frame, so the picture does not jump down as the captions grow.
        var captionHeight = frames.Max(f => f.Caption.Split('\n').Length) * 1.5 + 1.0;
        for (var k = 0; k < frames.Count; k++)
        {
            var (width, height) = SvgHtml.NaturalSize(frames[k].Svg);
            html.Append("<div class=\"scalar-autograd-frame\" data-frame=\"").Append(k).Append("\" data-focus=\"")
                .Append(SvgHtml.NodeFraction(frames[k].Svg, "<g id=\"active\"").ToString("0.###", CultureInfo.InvariantCulture)).Append("\">")
                .Append("<div data-caption style=\"min-height:").Append(captionHeight.ToString("0.#", CultureInfo.InvariantCulture)).Append("em\">");
            foreach (var (line, i) in frames[k].Caption.Split('\n').Select((l, i) => (l, i)))
            {
                html.Append(i == 0 ? "<div style=\"margin:6px 0 2px 0;font-weight:bold\">"
                        : line.Contains(".grad +=", StringComparison.Ordinal) ? "<div style=\"margin:0 0 0 16px;font-family:monospace\">"
                        : "<div style=\"margin:2px 0\">")
                    .Append(WebUtility.HtmlEncode(line)).Append("</div>");
            }
            // Every frame is one layout at one natural size, so each is shrunk to fit the cell by the same scale.
            html.Append("</div><div class=\"").Append(SvgHtml.BoxClass).Append("\" style=\"overflow-x:auto;max-width:0;min-width:100%\">")
                .Append(SvgHtml.ImgTag(frames[k].Svg, frames[k].Alt, width, height)).Append("</div></div>\n");
        }
        html.Append("<script>\n(function () {\n")
            .Append("  var root = document.getElementById(\"").Append(id).Append("\");\n")
            .Append("  var controls = ").Append(System.Text.Json.JsonSerializer.Serialize(controls)).Append(";\n")
            .Append("""
                  var bar = document.createElement("div");
                  bar.setAttribute("data-controls", "");
                  bar.style.margin = "4px 0";
                  bar.innerHTML = controls;
                  root.insertBefore(bar, root.firstChild);
                  var frames = root.querySelectorAll(".scalar-autograd-frame");
                  var slider = root.querySelector("input[type=range]");
                  var play = root.querySelector("button[data-play]");
                  var position = root.querySelector("[data-position]");
                  var timer = null;
                  function show(k) {
                    k = Math.max(0, Math.min(frames.length - 1, k));
                    slider.value = k;
                    position.textContent = "step " + k + " of " + (frames.length - 1);
                    for (var i = 0; i < frames.length; i++) frames[i].style.display = i === k ? "block" : "none";
                    var box = frames[k].querySelector("." + "scalar-autograd-picture");
                    // keep the active value in view: centre it when the picture is wider than the cell
                    box.scrollLeft = Number(frames[k].getAttribute("data-focus")) * box.scrollWidth - box.clientWidth / 2;
                    if (k === frames.length - 1) stop();
                  }
                  function stop() { if (timer) { clearInterval(timer); timer = null; } play.innerHTML = "&#9654; play"; }
                  function toggle() {
                    if (timer) { stop(); return; }
                    if (Number(slider.value) === frames.length - 1) show(0);
                    play.innerHTML = "&#10074;&#10074; pause";
                    timer = setInterval(function () { show(Number(slider.value) + 1); }, 1500);
                  }
                  root.querySelectorAll("button[data-go]").forEach(function (b) {
                    b.addEventListener("click", function () { stop(); show(Number(slider.value) + Number(b.getAttribute("data-go"))); });
                  });
                  play.addEventListener("click", toggle);
                  slider.addEventListener("input", function () { stop(); show(Number(slider.value)); });
                  root.addEventListener("keydown", function (e) {
                    var go = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
                    if (go !== 0) { stop(); show(Number(slider.value) + go); }
                    else if (e.key === " ") toggle();
                    else return;
                    e.preventDefault();
                    e.stopPropagation(); // the notebook must not also move between cells
                  });
                  root.addEventListener("click", function (e) { if (e.target.tagName !== "INPUT") root.focus(); });
                  show(0);
                })();

                """)
            .Append("</script>\n</div>");
        return html.ToString();
    }
}
