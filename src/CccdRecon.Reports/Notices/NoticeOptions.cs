namespace CccdRecon.Reports.Notices;

/// <summary>What the notices say about where and when to go, and who sends them.</summary>
public sealed record NoticeOptions
{
    /// <summary>The default when no appointment is given.</summary>
    public const string DefaultAppointment = "Trong giờ làm việc, chậm nhất 15 ngày kể từ ngày nhận thông báo này";

    /// <summary>When to come, in the words staff choose: "8 giờ 00 đến 11 giờ 00, thứ Hai, ngày 1 tháng 12 năm 2026".</summary>
    public string Appointment { get; init; } = DefaultAppointment;

    /// <summary>
    /// Where to come. Null: the commune police office (trụ sở Công an) of the household's commune.
    /// </summary>
    public string? Place { get; init; }

    /// <summary>A telephone number or name to ask, printed under the appointment when given.</summary>
    public string? Contact { get; init; }

    /// <summary>The sender in the page's top-left block. Null: the police of the household's commune.</summary>
    public string? Sender { get; init; }
}
