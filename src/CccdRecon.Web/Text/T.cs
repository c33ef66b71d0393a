using System.Globalization;
using CccdRecon.Core.Matching;
using CccdRecon.Core.Names;
using CccdRecon.Data.Entities;

namespace CccdRecon.Web.Text;

/// <summary>
/// The console's words, Vietnamese first and English beside them, picked by the request's UI culture (set from the
/// language cookie by the request localization middleware). One table, so a test can check that every text has both.
/// </summary>
public static class T
{
    public const string Vietnamese = "vi-VN";
    public const string English = "en-US";

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The <c>lang</c> of the page: "vi" or "en".</summary>
    public static string Lang => IsEnglish ? "en" : "vi";

    /// <summary>The text for <paramref name="key"/> in the current language; the key itself when the table lacks it.</summary>
    public static string S(string key) => Table.TryGetValue(key, out var text) ? IsEnglish ? text.En : text.Vi : key;

    /// <summary>The same with placeholders ({0}, {1}) filled in the current culture.</summary>
    public static string F(string key, params object?[] values) => string.Format(CultureInfo.CurrentCulture, S(key), values);

    public static string Field(string field) => Table.ContainsKey("field." + field) ? S("field." + field) : field;

    /// <summary>A kind of difference the engine flags (<see cref="DiscrepancyKind"/>).</summary>
    public static string Diff(string kind) => Table.ContainsKey("diff." + kind) ? S("diff." + kind) : kind;

    /// <summary>The registry's gender code in words ("Nam", "Nữ"); null for anything else (shown as keyed).</summary>
    public static string? Gender(string? code) => code is "male" or "female" ? S("gender." + code) : null;

    public static string Kind(CaseKind kind) => S("kind." + kind.ToString().ToLowerInvariant());

    public static string State(ReviewCaseState state) => S("state." + state.ToString().ToLowerInvariant());

    public static string Action(DecisionKind action) => S("action." + action.ToString().ToLowerInvariant());

    public static string Link(LinkDecisionKind link) => S("link." + link.ToString().ToLowerInvariant());

    /// <summary>A character-level kind of difference (<see cref="DifferenceKind"/>), named as staff name it.</summary>
    public static string Text(DifferenceKind kind) => S("text." + kind.ToString().ToLowerInvariant());

    /// <summary>A number in the current culture (1.234 in Vietnamese, 1,234 in English).</summary>
    public static string N(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A time in Vietnam's time zone (UTC+7), as staff read it.</summary>
    public static string Time(DateTimeOffset value) => value.ToOffset(TimeSpan.FromHours(7)).ToString(IsEnglish ? "yyyy-MM-dd HH:mm" : "HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Every key with both texts (for the test that none is missing).</summary>
    public static IReadOnlyDictionary<string, (string Vi, string En)> All => Table;

    private static readonly Dictionary<string, (string Vi, string En)> Table = new(StringComparer.Ordinal)
    {
        ["app.name"] = ("Đối soát CCCD", "CCCD reconciliation"),
        ["app.console"] = ("Xác minh hồ sơ", "Case review"),
        ["nav.queue"] = ("Hàng đợi", "Queue"),
        ["nav.bulk"] = ("Quyết định hàng loạt", "Bulk decisions"),
        ["nav.signout"] = ("Đăng xuất", "Sign out"),
        ["nav.switch"] = ("English", "Tiếng Việt"),
        ["nav.help"] = ("Phím tắt (?)", "Keys (?)"),
        ["nav.skip"] = ("Bỏ qua đến nội dung", "Skip to content"),
        ["user.units"] = ("Đơn vị", "Units"),
        ["user.allunits"] = ("mọi đơn vị", "every unit"),
        ["user.role.recon.admin"] = ("quản trị", "administrator"),
        ["user.role.recon.reviewer"] = ("cán bộ xác minh", "reviewer"),

        ["signin.title"] = ("Đăng nhập", "Sign in"),
        ["signin.lead"] = ("Đăng nhập bằng tài khoản của đơn vị để xác minh hồ sơ.", "Sign in with your unit's account to review cases."),
        ["signin.button"] = ("Đăng nhập", "Sign in"),
        ["signin.dev"] = ("Môi trường phát triển: đăng nhập thử với một vai trò và đơn vị.", "Development: sign in as any role and unit."),
        ["signin.role"] = ("Vai trò", "Role"),
        ["signin.unit"] = ("Mã đơn vị", "Unit code"),
        ["signin.subject"] = ("Tên tài khoản", "Account name"),
        ["forbidden.title"] = ("Không có quyền", "Not allowed"),
        ["forbidden.lead"] = ("Tài khoản này không có vai trò cán bộ xác minh (recon.reviewer) hoặc quản trị.", "This account has neither the reviewer role (recon.reviewer) nor the administrator role."),
        ["notfound.title"] = ("Không tìm thấy", "Not found"),
        ["notfound.case"] = ("Không có hồ sơ này, hoặc hồ sơ thuộc đơn vị khác.", "There is no such case, or it belongs to another unit."),

        ["queue.title"] = ("Hồ sơ cần xác minh", "Cases to review"),
        ["queue.empty"] = ("Không có hồ sơ nào khớp bộ lọc.", "No case matches these filters."),
        ["queue.next"] = ("Trang sau", "Next page"),
        ["queue.first"] = ("Trang đầu", "First page"),
        ["queue.counts"] = ("Số lượng", "Counts"),
        ["queue.name"] = ("Họ và tên (trên phiếu)", "Name (on the form)"),
        ["queue.date"] = ("Ngày sinh", "Date of birth"),
        ["queue.kind"] = ("Loại", "Kind"),
        ["queue.flags"] = ("Sai lệch", "Differences"),
        ["queue.state"] = ("Trạng thái", "State"),
        ["queue.batch"] = ("Đợt", "Batch"),
        ["queue.unit"] = ("Đơn vị", "Unit"),
        ["queue.claimedby"] = ("{0} đang xử lý", "held by {0}"),
        ["queue.page"] = ("Hiển thị {0} hồ sơ", "Showing {0} cases"),

        ["filter.title"] = ("Bộ lọc", "Filters"),
        ["filter.unit"] = ("Đơn vị", "Unit"),
        ["filter.batch"] = ("Mã đợt", "Batch id"),
        ["filter.kind"] = ("Loại hồ sơ", "Case kind"),
        ["filter.field"] = ("Trường", "Field"),
        ["filter.diff"] = ("Kiểu sai lệch", "Kind of difference"),
        ["filter.state"] = ("Trạng thái", "State"),
        ["filter.any"] = ("Tất cả", "Any"),
        ["filter.apply"] = ("Lọc", "Filter"),
        ["filter.clear"] = ("Bỏ lọc", "Clear"),

        ["state.todo"] = ("Chưa xong", "To do"),
        ["state.open"] = ("Chưa ai nhận", "Open"),
        ["state.claimed"] = ("Đang xử lý", "Claimed"),
        ["state.resolved"] = ("Đã xử lý", "Resolved"),
        ["state.all"] = ("Tất cả", "All"),
        ["kind.differences"] = ("Sai lệch thông tin", "Differences"),
        ["kind.ambiguous"] = ("Nhiều người phù hợp", "Ambiguous"),
        ["kind.nomatch"] = ("Không tìm thấy trong hộ tịch", "Not found in the registry"),

        ["field.full_name"] = ("Họ và tên", "Full name"),
        ["field.date_of_birth"] = ("Ngày sinh", "Date of birth"),
        ["field.gender"] = ("Giới tính", "Gender"),
        ["field.personal_id"] = ("Số định danh", "Personal ID"),
        ["field.old_id"] = ("Số CMND cũ", "Former ID (CMND)"),
        ["field.birth_place"] = ("Nơi sinh", "Place of birth"),
        ["field.hometown"] = ("Quê quán", "Home town"),
        ["field.ethnicity"] = ("Dân tộc", "Ethnicity"),
        ["field.permanent_address"] = ("Nơi thường trú", "Permanent address"),
        ["field.father_name"] = ("Họ tên cha", "Father's name"),
        ["field.mother_name"] = ("Họ tên mẹ", "Mother's name"),

        ["diff.spelling"] = ("Sai chính tả", "Spelling"),
        ["diff.missing_middle_name"] = ("Thiếu tên đệm", "Middle name missing"),
        ["diff.extra_middle_name"] = ("Thừa tên đệm", "Extra middle name"),
        ["diff.regional_variant"] = ("Họ viết theo vùng miền (Hoàng/Huỳnh, Vũ/Võ)", "Regional surname (Hoàng/Huỳnh, Vũ/Võ)"),
        ["diff.name_order"] = ("Đảo thứ tự họ tên", "Name order"),
        ["diff.day_month_swapped"] = ("Nhầm ngày với tháng", "Day and month swapped"),
        ["diff.lunar_date"] = ("Ghi theo ngày âm lịch", "Lunar-calendar date"),
        ["diff.digit_typo"] = ("Sai một chữ số", "One digit wrong"),
        ["diff.year_off_by_one"] = ("Lệch một năm", "Year off by one"),
        ["diff.registry_partial"] = ("Hộ tịch chỉ có một phần ngày sinh", "Registry has part of the date"),
        ["diff.transposition"] = ("Đảo hai chữ số", "Two digits swapped"),
        ["diff.unreadable"] = ("Không đọc được", "Unreadable"),
        ["diff.inconsistent"] = ("Không khớp giới tính hoặc năm sinh", "Inconsistent with gender or year"),
        ["diff.different"] = ("Khác hẳn", "Different"),

        ["text.unicodeform"] = ("Khác dạng mã Unicode (NFC/NFD): nhìn giống hệt", "Another Unicode form (NFC/NFD): looks identical"),
        ["text.legacyencoding"] = ("Gõ bằng bảng mã cũ (TCVN3/VNI)", "Keyed in a legacy encoding (TCVN3/VNI)"),
        ["text.spacing"] = ("Khoảng trắng", "Spacing"),
        ["text.lettercase"] = ("Chữ hoa, chữ thường", "Letter case"),
        ["text.toneplacement"] = ("Vị trí dấu thanh (Hoà/Hòa)", "Tone-mark placement (Hoà/Hòa)"),
        ["text.missingdiacritics"] = ("Gõ không dấu", "Keyed without diacritics"),
        ["text.dstroke"] = ("Chữ đ/d", "đ/d"),
        ["text.tone"] = ("Khác dấu thanh", "Another tone mark"),
        ["text.vowelmark"] = ("Khác nguyên âm (a/â/ă, o/ô/ơ, u/ư, e/ê)", "Another vowel (a/â/ă, o/ô/ơ, u/ư, e/ê)"),
        ["text.letters"] = ("Khác chữ", "Other letters"),
        ["text.identical"] = ("Giống hệt", "Identical"),
        ["text.tononly"] = ("Chỉ khác dấu thanh", "Tone only"),
        ["text.cosmetic"] = ("Chỉ khác cách gõ", "Only keyed differently"),

        ["action.keepregistry"] = ("Giữ theo hộ tịch", "Keep registry"),
        ["action.takeform"] = ("Lấy theo phiếu", "Take the form's"),
        ["action.correct"] = ("Sửa thành", "Correct to"),
        ["link.confirm"] = ("Đúng người này", "This is the person"),
        ["link.reject"] = ("Không phải người này", "Not this person"),
        ["link.choose"] = ("Chọn người này", "Choose this person"),

        ["case.title"] = ("Hồ sơ {0}", "Case {0}"),
        ["case.back"] = ("Về hàng đợi", "Back to the queue"),
        ["case.form"] = ("Phiếu DC01 (như đã nhập)", "Form DC01 (as keyed)"),
        ["case.registry"] = ("Hộ tịch", "Registry"),
        ["case.readas"] = ("Trên phiếu ghi: {0}; đọc là:", "Keyed on the form as {0}; read as:"),
        ["case.difference"] = ("So sánh từng ký tự", "Character by character"),
        ["case.suggestion"] = ("Đề xuất", "Suggestion"),
        ["case.decision"] = ("Quyết định", "Decision"),
        ["case.decisions"] = ("Quyết định từng trường", "Field decisions"),
        ["case.link"] = ("Người trong hộ tịch", "Person in the registry"),
        ["case.linked"] = ("Đang gắn với bản ghi {0}", "Linked to record {0}"),
        ["case.unlinked"] = ("Chưa gắn với bản ghi nào", "Linked to no record"),
        ["case.rejected"] = ("Đã xác định không phải người trong hộ tịch: phiếu vào danh sách không tìm thấy", "Marked as nobody in the registry: the form goes to the not-found list"),
        ["case.note"] = ("Ghi chú", "Note"),
        ["case.save"] = ("Lưu", "Save"),
        ["case.saved"] = ("Đã lưu.", "Saved."),
        ["case.next"] = ("Hồ sơ tiếp theo", "Next case"),
        ["case.nonext"] = ("Đã hết hồ sơ trong hàng đợi này.", "No more cases in this queue."),
        ["case.claimedbyyou"] = ("Bạn đang xử lý hồ sơ này (đến {0}).", "You hold this case (until {0})."),
        ["case.claimedbyother"] = ("{0} đang xử lý hồ sơ này (đến {1}).", "{0} holds this case (until {1})."),
        ["case.release"] = ("Trả lại hàng đợi", "Give back to the queue"),
        ["case.reassign"] = ("Giao cho", "Hand to"),
        ["case.resolved"] = ("Hồ sơ đã xử lý lúc {0}. Quyết định mới sẽ thay quyết định cũ.", "Resolved at {0}. A new decision supersedes the earlier one."),
        ["case.score"] = ("Xác suất khớp", "Match probability"),
        ["case.candidates"] = ("Những người có thể là người trên phiếu", "Records that could be the form's person"),
        ["gender.male"] = ("Nam", "male"),
        ["gender.female"] = ("Nữ", "female"),
        ["case.candidate"] = ("Bản ghi {0}", "Record {0}"),
        // The share of the candidates' probability (they sum to one), not the pair's own probability the waterfall gives.
        ["case.candidate.share"] = ("{0} giữa các ứng viên", "{0} among the candidates"),
        ["case.nocandidates"] = ("Hệ thống không tìm được bản ghi nào đủ gần.", "The engine found no record close enough."),
        ["case.search"] = ("Tìm người trong hộ tịch", "Find the person in the registry"),
        ["case.search.name"] = ("Họ và tên (gõ có dấu hay không dấu đều được)", "Name (with or without diacritics)"),
        ["case.search.date"] = ("Ngày sinh (mọi cách ghi)", "Date of birth (any form)"),
        ["case.search.id"] = ("Số định danh hoặc CMND", "Personal ID or former ID"),
        ["case.search.go"] = ("Tìm", "Search"),
        ["case.search.none"] = ("Không tìm thấy ai.", "Nobody found."),
        ["case.history"] = ("Lịch sử", "History"),
        ["case.history.none"] = ("Chưa có quyết định nào.", "No decision yet."),
        ["case.superseded"] = ("đã bị thay", "superseded"),
        ["case.bulk"] = ("quyết định hàng loạt #{0}", "bulk decision #{0}"),
        ["case.explanation"] = ("Vì sao hệ thống ghép phiếu với bản ghi này", "Why the engine linked the form to this record"),
        ["case.explanation.prior"] = ("Khởi điểm", "Prior"),
        ["case.explanation.total"] = ("Tổng", "Total"),
        ["case.explanation.pair"] = ("xác suất nếu chỉ xét cặp này {0}", "probability of this pair alone {0}"),
        ["case.explanation.engine"] = ("Ghi chú của bộ máy ghép (tiếng Anh):", "The engine's note:"),
        ["case.explanation.bits"] = ("bit (log₂ tỉ số khả năng)", "bits (log₂ Bayes factor)"),
        ["case.conflict"] = ("Hồ sơ vừa được người khác thay đổi, quyết định của bạn chưa được lưu. Xem thay đổi dưới đây rồi quyết định lại và lưu.",
            "Someone else changed this case; your decisions were not saved. See what changed below, decide again and save."),
        ["case.conflict.changes"] = ("Đã thay đổi kể từ khi bạn mở hồ sơ", "Changed since you opened the case"),
        ["case.conflict.state"] = ("Trạng thái bây giờ: {0}", "State now: {0}"),
        ["case.invalid"] = ("Chưa lưu được:", "Not saved:"),
        ["case.choose"] = ("Chọn người này (gắn phiếu với bản ghi {0})", "Choose this person (link the form to record {0})"),
        ["case.notinregistry"] = ("Không có trong hộ tịch", "Not in the registry"),
        ["case.nothingtodecide"] = ("Không còn trường nào cần quyết định.", "No field left to decide."),
        ["case.rejectpending"] = ("Sẽ ghi: không phải người này. Nhấn Enter để lưu.", "Will record: not this person. Press Enter to save."),

        ["bulk.title"] = ("Quyết định hàng loạt", "Bulk decisions"),
        ["bulk.lead"] = ("Một quyết định cho mọi trường chưa quyết định cùng một kiểu sai lệch trong một đơn vị, ví dụ mọi ngày sinh ghi theo âm lịch: giữ theo hộ tịch. Xem trước rồi mới áp dụng.",
            "One decision for every undecided field of one kind of difference in a unit, e.g. every lunar-calendar date of birth: keep the registry's. Preview before applying."),
        ["bulk.action"] = ("Quyết định", "Decision"),
        ["bulk.preview"] = ("Xem trước", "Preview"),
        ["bulk.apply"] = ("Áp dụng", "Apply"),
        ["bulk.matched"] = ("Sẽ quyết định {0} trường; {1} hồ sơ sẽ xong; {2} hồ sơ người khác đang giữ được bỏ qua.",
            "Will decide {0} fields; {1} cases will be resolved; {2} cases held by others are left out."),
        ["bulk.applied"] = ("Đã quyết định {0} trường (quyết định #{1}); {2} hồ sơ đã xong.", "Decided {0} fields (decision #{1}); {2} cases resolved."),
        ["bulk.history"] = ("Các quyết định hàng loạt gần đây", "Recent bulk decisions"),
        ["bulk.undo"] = ("Thay bằng", "Replace with"),
        ["bulk.supersedes"] = ("thay cho #{0}", "replaces #{0}"),
        ["bulk.count"] = ("{0} trường", "{0} fields"),

        ["nav.batches"] = ("Đợt đối soát", "Batches"),
        ["batches.title"] = ("Các đợt đối soát", "Batches"),
        ["batches.none"] = ("Chưa có đợt đối soát nào của đơn vị bạn.", "No batch of your units yet."),
        ["batches.batch"] = ("Đợt", "Batch"),
        ["batches.state"] = ("Tình trạng", "State"),
        ["batches.progress"] = ("Đã đối soát", "Matched"),
        ["batches.cases"] = ("Hồ sơ cần xác minh", "Cases"),
        ["batches.review"] = ("Đã xác minh", "Reviewed"),
        ["batches.reviewed"] = ("{0} / {1}", "{0} / {1}"),
        ["batches.created"] = ("Tạo lúc", "Created"),
        ["batchstate.open"] = ("Đang nhận phiếu", "Receiving forms"),
        ["batchstate.running"] = ("Đang đối soát", "Running"),
        ["batchstate.succeeded"] = ("Đã xong", "Finished"),
        ["batchstate.cancelled"] = ("Đã hủy", "Cancelled"),
        ["dash.title"] = ("Tình hình đợt đối soát", "Batch dashboard"),
        ["dash.forbidden"] = ("Đợt này thuộc đơn vị bạn không phụ trách.", "This batch belongs to a unit you do not serve."),
        ["dash.completed"] = ("xong lúc", "finished"),
        ["dash.progress"] = ("Tiến độ đối soát", "Matching progress"),
        ["dash.processed"] = ("Phiếu đã đối soát", "Forms matched"),
        ["dash.clean"] = ("Khớp, sạch", "Clean"),
        ["dash.reviewprogress"] = ("Tiến độ xác minh", "Review progress"),
        ["dash.toqueue"] = ("Mở hàng đợi của đợt", "Open the batch's queue"),
        ["dash.bystatus"] = ("Kết quả đối soát theo tình trạng", "Results by status"),
        ["dash.downloads"] = ("Danh sách và thông báo", "Lists and notices"),
        ["dash.workbook"] = ("Danh sách công dân cần điều chỉnh (Excel)", "Correction list (Excel)"),
        ["dash.notices"] = ("Thông báo điều chỉnh thông tin (in, PDF theo xã)", "Correction notices (print, PDF per commune)"),
        ["dash.bykind"] = ("Hồ sơ theo loại (đã xác minh / tổng)", "Cases by kind (resolved / all)"),
        ["dash.ofresolved"] = ("{0} / {1}", "{0} / {1}"),
        ["dash.byflag"] = ("Sai lệch theo trường và kiểu (đã xác minh / tổng)", "Differences by field and kind (resolved / all)"),
        ["dash.noflags"] = ("Không có sai lệch nào.", "No differences."),
        ["dash.bycommune"] = ("Hồ sơ theo xã, phường", "Cases by commune"),
        ["dash.nocases"] = ("Không có hồ sơ nào cần xác minh.", "No case to review."),
        ["dash.reviewers"] = ("Theo cán bộ xác minh", "By reviewer"),
        ["dash.reviewer"] = ("Cán bộ", "Reviewer"),
        ["dash.decided"] = ("Đã quyết định", "Decided"),
        ["dash.noreviewers"] = ("Chưa ai xác minh hồ sơ của đợt này.", "Nobody has reviewed a case of this batch yet."),
        ["dash.times"] = ("Thời gian cho mỗi hồ sơ", "Time per case"),
        ["dash.notimes"] = ("Chưa đủ hồ sơ đã xác minh để tính.", "Not enough resolved cases to tell."),
        ["dash.median"] = ("Trung vị {0}, 90 % hồ sơ dưới {1} ({2} hồ sơ gần nhất, không tính quyết định hàng loạt).",
            "Median {0}, 90 % of cases under {1} (latest {2} cases, bulk decisions left out)."),
        ["dash.minutes"] = ("{0} phút", "{0} min"),
        ["dash.seconds"] = ("{0} giây", "{0} s"),
        ["dash.at"] = ("Số liệu lúc {0}.", "Figures as of {0}."),

        ["help.title"] = ("Phím tắt", "Keyboard"),
        ["help.close"] = ("Đóng (Esc)", "Close (Esc)"),
        ["help.jk"] = ("trường sau / trường trước", "next / previous field"),
        ["help.1"] = ("giữ theo hộ tịch, sang trường chưa quyết định tiếp theo", "keep the registry's, go to the next undecided field"),
        ["help.2"] = ("lấy theo phiếu, sang trường tiếp theo", "take the form's, go to the next field"),
        ["help.3"] = ("sửa: con trỏ vào ô nhập (Esc để thoát)", "correct: focus the input (Esc to leave it)"),
        ["help.x"] = ("không phải người này (bác bỏ liên kết)", "not this person (reject the link)"),
        ["help.enter"] = ("lưu", "save"),
        ["help.n"] = ("hồ sơ tiếp theo trong hàng đợi", "next case in the queue"),
        ["help.q"] = ("hàng đợi: j/k chọn dòng, Enter mở hồ sơ", "queue: j/k pick a row, Enter opens it"),
        ["help.question"] = ("hiện/ẩn bảng này", "show/hide this panel"),
    };
}
