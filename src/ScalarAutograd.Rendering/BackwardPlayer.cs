using System.Net;
using System.Text;

namespace ScalarAutograd.Rendering;

/// <summary>The HTML of the backprop player: frames, buttons, a slider, and a few lines of inline script.</summary>
internal static class BackwardPlayer
{
    public static string Html(IReadOnlyList<(string Caption, string Svg)> frames)
    {
        var id = "scalar-autograd-player-" + Guid.NewGuid().ToString("N"); // unique on a page with many outputs
        var html = new StringBuilder();
        html.Append("<div id=\"").Append(id).Append("\" class=\"scalar-autograd-player\" style=\"font-family:sans-serif\">\n");
        html.Append("<div style=\"margin:4px 0\"><button type=\"button\" data-go=\"-1\">&#9664; previous</button> ")
            .Append("<input type=\"range\" min=\"0\" max=\"").Append(frames.Count - 1)
            .Append("\" value=\"0\" style=\"width:320px;vertical-align:middle\"> ")
            .Append("<button type=\"button\" data-go=\"1\">next &#9654;</button></div>\n");
        for (var k = 0; k < frames.Count; k++)
        {
            html.Append("<div data-frame=\"").Append(k).Append("\"><div style=\"margin:4px 0\">")
                .Append(WebUtility.HtmlEncode(frames[k].Caption)).Append("</div>")
                .Append("<div style=\"overflow:auto;max-width:100%\">").Append(frames[k].Svg).Append("</div></div>\n");
        }
        html.Append("<script>\n(function () {\n")
            .Append("  var root = document.getElementById(\"").Append(id).Append("\");\n")
            .Append("""
                  var frames = root.querySelectorAll("[data-frame]");
                  var slider = root.querySelector("input[type=range]");
                  function show(k) {
                    k = Math.max(0, Math.min(frames.length - 1, k));
                    slider.value = k;
                    for (var i = 0; i < frames.length; i++) frames[i].style.display = i === k ? "block" : "none";
                  }
                  root.querySelectorAll("button[data-go]").forEach(function (b) {
                    b.addEventListener("click", function () { show(Number(slider.value) + Number(b.getAttribute("data-go"))); });
                  });
                  slider.addEventListener("input", function () { show(Number(slider.value)); });
                  show(0);
                })();

                """)
            .Append("</script>\n</div>");
        return html.ToString();
    }
}
