using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;

namespace CccdRecon.Web.Dashboard;

/// <summary>
/// Charts drawn on the server as SVG, no chart library: horizontal bars with their labels and figures written beside
/// them (so they read in print, in black and white, and to screen readers through the title and the bars' own text).
/// </summary>
public static class SvgChart
{
    /// <summary>One bar: its label, and its value split into segments (e.g. open, resolved), each with a CSS class.</summary>
    public sealed record Bar(string Label, IReadOnlyList<(long Value, string Class)> Segments, string Figure)
    {
        public long Total => Segments.Sum(s => s.Value);
    }

    private const int Width = 700, LabelWidth = 280, FigureWidth = 90, RowHeight = 22, BarHeight = 14;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static MarkupString Bars(string title, IReadOnlyList<Bar> bars, string chartName)
    {
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Total));
        var height = Math.Max(1, bars.Count) * RowHeight + 4;
        var plot = Width - LabelWidth - FigureWidth;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" data-chart=\"{chartName}\" role=\"img\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">")
            .Append("<title>").Append(Encoder.Encode(title)).Append("</title>");
        for (int i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = i * RowHeight + 2;
            svg.Append(CultureInfo.InvariantCulture, $"<g data-bar=\"{Encoder.Encode(bar.Label)}\">")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{LabelWidth - 6}\" y=\"{y + BarHeight - 2}\" text-anchor=\"end\">")
                .Append(Encoder.Encode(Shorten(bar.Label))).Append("</text>");
            double x = LabelWidth;
            foreach (var (value, cls) in bar.Segments)
            {
                if (value <= 0) continue;
                var w = Math.Max(1.0, plot * value / (double)max);
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{cls}\" x=\"{x:0.#}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{BarHeight}\"/>");
                x += w;
            }
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"figure\" x=\"{x + 4:0.#}\" y=\"{y + BarHeight - 2}\">").Append(Encoder.Encode(bar.Figure)).Append("</text></g>");
        }
        svg.Append("</svg>");
        return new MarkupString(svg.ToString());
    }

    /// <summary>A progress bar (share done, 0 to 1) whose width the page's script updates while the batch runs.</summary>
    public static MarkupString Progress(double done, string title)
    {
        var w = (Width * Math.Clamp(done, 0, 1)).ToString("0.#", CultureInfo.InvariantCulture);
        return new MarkupString(
            $"<svg class=\"chart progress\" data-chart=\"progress\" role=\"img\" viewBox=\"0 0 {Width} 18\" width=\"{Width}\" height=\"18\" xmlns=\"http://www.w3.org/2000/svg\">" +
            $"<title>{Encoder.Encode(title)}</title><rect class=\"track\" x=\"0\" y=\"0\" width=\"{Width}\" height=\"18\"/>" +
            $"<rect class=\"done\" data-live-bar x=\"0\" y=\"0\" width=\"{w}\" height=\"18\" data-full=\"{Width}\"/></svg>");
    }

    private static string Shorten(string label) => label.Length <= 40 ? label : label[..39] + "…";
}
