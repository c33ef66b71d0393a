using System.Text;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Paging;
using CccdRecon.Data.Review;
using Microsoft.AspNetCore.Http;

namespace CccdRecon.Web.Console;

/// <summary>
/// The queue's filters as they travel in the address (<c>/review?unit=…&amp;state=…</c>), so a case page knows its queue
/// for "next case" and every view can be bookmarked.
/// </summary>
public sealed record QueueFilters(string? Unit, string? Batch, CaseKind? Kind, string? Field, string? Diff, string State)
{
    public const string ToDo = "todo";
    public static readonly string[] States = [ToDo, "open", "claimed", "resolved", "all"];

    public static QueueFilters From(IQueryCollection query) => From(query["unit"], query["batch"], query["kind"], query["field"], query["diff"], query["state"]);

    public static QueueFilters From(string? unit, string? batch, string? kind, string? field, string? diff, string? state) => new(
        Clean(unit), Clean(batch),
        Enum.TryParse<CaseKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null,
        Clean(field), Clean(diff),
        state is not null && States.Contains(state) ? state : ToDo);

    /// <summary>The store's query for these filters, in Vietnamese name order.</summary>
    public CaseQuery ToQuery(PageRequest page = default) => new(Batch, StateFilter, Field, Diff, page)
    {
        Unit = Unit,
        CaseKind = Kind,
        ToDo = State == ToDo,
        Order = CaseOrder.Name,
    };

    public ReviewCaseState? StateFilter => State switch
    {
        "open" => ReviewCaseState.Open,
        "claimed" => ReviewCaseState.Claimed,
        "resolved" => ReviewCaseState.Resolved,
        _ => null,
    };

    /// <summary>"?unit=…&amp;…" with the filters that are set (and any extra <c>name=value</c> pairs); "" when none.</summary>
    public string QueryString(params string[] extra)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) parts.Add(name + "=" + Uri.EscapeDataString(value));
        }
        Add("unit", Unit);
        Add("batch", Batch);
        Add("kind", Kind?.ToString().ToLowerInvariant());
        Add("field", Field);
        Add("diff", Diff);
        if (State != ToDo) Add("state", State);
        parts.AddRange(extra.Where(e => !string.IsNullOrEmpty(e)));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
