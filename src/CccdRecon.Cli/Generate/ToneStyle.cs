using System.Text;

namespace CccdRecon.Cli.Generate;

/// <summary>
/// Tone-mark placement on the open clusters oa, oe, uy: the registry's canonical hòa/thủy/khỏe against the
/// other style hoà/thuỷ/khoẻ that many keyboards produce. "quy" is left alone: there qu is the initial.
/// </summary>
internal static class ToneStyle
{
    /// <summary>The five tone marks as Unicode combining characters: huyền, sắc, ngã, hỏi, nặng.</summary>
    public static readonly char[] ToneMarks = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];

    public static string ToOtherStyle(string syllable) => MoveTone(syllable, toLast: true);

    public static string ToCanonical(string syllable) => MoveTone(syllable, toLast: false);

    /// <summary>True when the syllable looks different in the other tone style.</summary>
    public static bool HasOtherStyle(string syllable) => ToOtherStyle(syllable) != syllable;

    private static string MoveTone(string syllable, bool toLast)
    {
        var decomposed = syllable.Normalize(NormalizationForm.FormD);
        var toneAt = decomposed.IndexOfAny(ToneMarks);
        if (toneAt < 1) return syllable;
        var bare = decomposed.Remove(toneAt, 1);
        if (bare.Length < 2) return syllable;
        var end = bare[^2..].ToLowerInvariant();
        if (end is not ("oa" or "oe" or "uy")) return syllable;
        if (end == "uy" && bare.Length >= 3 && char.ToLowerInvariant(bare[^3]) == 'q') return syllable;
        var from = toLast ? bare.Length - 2 : bare.Length - 1;
        var to = toLast ? bare.Length - 1 : bare.Length - 2;
        if (toneAt - 1 != from) return syllable;
        return bare.Insert(to + 1, decomposed[toneAt].ToString()).Normalize(NormalizationForm.FormC);
    }
}
