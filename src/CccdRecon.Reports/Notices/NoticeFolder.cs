using System.Text;
using CccdRecon.Core.Names;
using CccdRecon.Reports.Arrangement;
using CccdRecon.Reports.Pdf;

namespace CccdRecon.Reports.Notices;

/// <summary>One commune's notices as written: the HTML, the PDF (when a printer was given) and the pages (households).</summary>
public sealed record NoticeFile(string Commune, string HtmlPath, string? PdfPath, int Pages);

/// <summary>
/// Writes a batch's notices to a folder: per commune <c>NNN-commune-name.html</c> and, with a printer, the same as
/// <c>.pdf</c>; and <c>index.html</c> listing them. The folder appears whole or not at all: everything is written to a
/// sibling temporary folder first and renamed into place. An existing folder is replaced only when it holds nothing but
/// an earlier run's notices.
/// </summary>
public static class NoticeFolder
{
    public const string IndexFile = "index.html";

    /// <summary>Why <paramref name="directory"/> cannot take the notices, or null when it can.</summary>
    public static string? Problem(string directory)
    {
        if (File.Exists(directory)) return $"{directory} is a file, not a folder";
        if (!Directory.Exists(directory)) return null;
        var entries = Directory.EnumerateFileSystemEntries(directory).ToList();
        if (entries.Count == 0) return null;
        bool ours = entries.Any(e => Path.GetFileName(e) == IndexFile)
            && entries.All(e => File.Exists(e) && Path.GetExtension(e) is ".html" or ".pdf");
        return ours ? null : $"{directory} already holds other files; give an empty or new folder for the notices";
    }

    public static async Task<IReadOnlyList<NoticeFile>> WriteAsync(CorrectionList list, CorrectionArrangement arrangement, string directory,
        NoticeOptions options, ChromiumPdfPrinter? printer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(arrangement);
        ArgumentNullException.ThrowIfNull(options);
        if (Problem(directory) is { } problem) throw new IOException(problem);
        var target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        var staging = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            var files = new List<NoticeFile>();
            int number = 0;
            foreach (var commune in arrangement.Communes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var stem = $"{++number:000}-{Slug(commune.Label)}";
                var html = NoticeDocument.Render(list, [commune], options);
                await File.WriteAllTextAsync(Path.Combine(staging, stem + ".html"), html, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
                string? pdf = null;
                if (printer is not null)
                {
                    var bytes = await printer.PrintAsync(html, cancellationToken).ConfigureAwait(false);
                    await File.WriteAllBytesAsync(Path.Combine(staging, stem + ".pdf"), bytes, cancellationToken).ConfigureAwait(false);
                    pdf = Path.Combine(target, stem + ".pdf");
                }

                files.Add(new NoticeFile(commune.Label, Path.Combine(target, stem + ".html"), pdf, NoticeDocument.PageCount(commune)));
            }

            await File.WriteAllTextAsync(Path.Combine(staging, IndexFile), Index(list, files), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            Replace(staging, target);
            return files;
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
    }

    /// <summary>Moves the finished folder into place; an earlier run's folder is moved aside first and deleted after.</summary>
    private static void Replace(string staging, string target)
    {
        string? old = null;
        if (Directory.Exists(target))
        {
            old = target + ".old-" + Guid.NewGuid().ToString("N")[..8];
            Directory.Move(target, old);
        }

        try
        {
            Directory.Move(staging, target);
        }
        catch
        {
            if (old is not null) Directory.Move(old, target);
            throw;
        }

        if (old is not null) TryDelete(old);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the user to remove; the result is complete either way.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>"phuong-an-khanh-ha-noi": a file name any system accepts, from the commune's label.</summary>
    public static string Slug(string label)
    {
        var folded = VietnameseText.Fold(label);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }

        var slug = sb.ToString().Trim('-');
        if (slug.Length > 60) slug = slug[..60].TrimEnd('-');
        return slug.Length == 0 ? "xa-phuong" : slug;
    }

    private static string Index(CorrectionList list, IReadOnlyList<NoticeFile> files)
    {
        var encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<title>Thông báo điều chỉnh thông tin — đợt ").Append(encoder.Encode(list.BatchId)).Append("</title>\n")
            .Append("<style>body{font-family:\"DejaVu Sans\",\"Noto Sans\",Arial,sans-serif;margin:2em}td,th{padding:.2em .8em;text-align:left}</style>\n</head>\n<body>\n")
            .Append("<h1>Thông báo điều chỉnh thông tin — đợt ").Append(encoder.Encode(list.BatchId)).Append("</h1>\n")
            .Append("<table><thead><tr><th>Xã, phường</th><th>Số trang (hộ)</th><th>In</th></tr></thead><tbody>\n");
        foreach (var f in files)
        {
            html.Append("<tr><td>").Append(encoder.Encode(f.Commune)).Append("</td><td>").Append(f.Pages).Append("</td><td><a href=\"")
                .Append(encoder.Encode(Path.GetFileName(f.HtmlPath))).Append("\">HTML</a>");
            if (f.PdfPath is not null)
                html.Append(" · <a href=\"").Append(encoder.Encode(Path.GetFileName(f.PdfPath))).Append("\">PDF</a>");
            html.Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n</body>\n</html>\n");
        return html.ToString();
    }
}
