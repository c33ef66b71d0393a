using CccdRecon.Core.Matching;

namespace CccdRecon.Data.Tests;

/// <summary>The people the store tests import and the forms they send.</summary>
internal static class StoreData
{
    public const string Unit = "05443";

    public static RegistryRecord Record(int n) => new()
    {
        RecordId = $"R{n:D4}",
        PersonalId = $"0193850{n:D5}",
        FullName = "Nguyễn Văn Hoà",
        DateOfBirth = "1985-03-12",
        Gender = "male",
        BirthPlace = "Thái Nguyên",
        PermanentAddress = "Số 12 phố Lương Ngọc Quyến, TP. Thái Nguyên",
        FatherName = "Nguyễn Văn Thành",
        MotherName = "Trần Thị Lan",
    };

    /// <summary>The person's form with the middle name dropped: matched, and full_name flagged for a reviewer.</summary>
    public static SurveyForm FormFor(RegistryRecord r, string formId) => new()
    {
        FormId = formId,
        PersonalId = r.PersonalId,
        FullName = "Nguyễn Hoà",
        DateOfBirth = "12/03/1985",
        Gender = "Nam",
        BirthPlace = r.BirthPlace,
        PermanentAddress = "Tổ 5, phường Hoàng Văn Thụ, TP. Thái Nguyên",
        FatherName = r.FatherName,
        MotherName = r.MotherName,
    };

    /// <summary>A started batch of <paramref name="count"/> forms (F1, F2, …, of records 1, 2, …) sent 1,000 a message; started, so its forms' statistics are fresh.</summary>
    public static async Task<string> StartedBatchAsync(StoreHost host, int count)
    {
        var store = host.Get<Batches.BatchStore>();
        var batch = await store.CreateAsync(new Batches.NewBatch("forms.csv", "", Unit), StoreHost.Admin, default);
        foreach (var message in Enumerable.Range(1, count).Select(i => FormFor(Record(i), $"F{i}")).Chunk(1_000))
        {
            await store.AddFormsAsync(new Batches.FormUpload(), batch.Id, message, StoreHost.Admin, default);
        }
        await store.StartAsync(batch.Id, StoreHost.Admin, default);
        return batch.Id;
    }
}
