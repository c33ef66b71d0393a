namespace CccdRecon.Data.Audit;

/// <summary>What an audit event says was done. Never renamed: the trail is kept for years.</summary>
public static class AuditActions
{
    public const string ImportRecords = "registry.import_records";
    public const string GetRecord = "registry.get_record";
    public const string Reconcile = "reconciliation.reconcile";
    public const string ReconcileStream = "reconciliation.reconcile_stream";
    public const string CreateBatch = "batch.create_batch";
    public const string AddForms = "batch.add_forms";
    public const string StartBatch = "batch.start_batch";
    public const string CancelBatch = "batch.cancel_batch";
    public const string ListResults = "batch.list_results";
    public const string ListCases = "review.list_cases";
    public const string GetCase = "review.get_case";
    public const string ClaimCase = "review.claim_case";
    public const string ResolveCase = "review.resolve_case";
    public const string ReleaseCase = "review.release_case";
    public const string ReassignCase = "review.reassign_case";
    /// <summary>One event per page of cases a bulk decision wrote (ids: <c>bulk:</c> and the cases).</summary>
    public const string BulkResolveCases = "review.bulk_resolve_cases";
    public const string SearchRecords = "registry.search_records";
    public const string RerunBatch = "batch.rerun_batch";
    public const string ListCleanRecords = "intake.list_clean_records";
    public const string ExportCleanRecords = "intake.export_clean_records";
    /// <summary>A correction list (workbook) downloaded from the console: one event per page of cases it holds.</summary>
    public const string DownloadCorrections = "report.download_corrections";
    /// <summary>Printable correction notices (HTML or PDF) opened from the console: one event per page of cases.</summary>
    public const string DownloadNotices = "report.download_notices";
}

/// <summary>Target ids with their kind, e.g. <c>case:12</c>, so one column holds every kind of id.</summary>
public static class AuditTarget
{
    public static string Record(string id) => "record:" + id;
    public static string Batch(string id) => "batch:" + id;
    public static string Form(string id) => "form:" + id;
    public static string Case(long id) => "case:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public static string Clean(long id) => "clean:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public static string Unit(string code) => "unit:" + code;
    public static string Bulk(long id) => "bulk:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    /// <summary>An account a case was handed to (account names, like subjects, are not personal data of citizens).</summary>
    public static string Reviewer(string subject) => "reviewer:" + subject;
}
