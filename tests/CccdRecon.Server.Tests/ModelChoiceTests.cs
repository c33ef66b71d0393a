using CccdRecon.Contracts.V1;
using CccdRecon.Core.Matching;
using CccdRecon.Server.Tests.Infrastructure;
using Domain = CccdRecon.Core.Matching;
using CccdRecon.Testing;

namespace CccdRecon.Server.Tests;

/// <summary>
/// Which model scores what: online calls use the model the configuration names; a batch keeps the model it was
/// matched with (see also <see cref="CrashRecoveryTests"/>: across a kill and a restart).
/// </summary>
public sealed class ModelChoiceTests
{
    [Fact]
    public async Task Online_calls_and_untrained_batches_use_the_configured_model()
    {
        var records = Enumerable.Range(6600, 60).Select(Cast.Record).ToList();
        var model = TrainedOn(records);
        var directory = Directory.CreateTempSubdirectory("cccdrecon-model-").FullName;
        var path = Path.Combine(directory, "model.json");
        ModelFile.Save(model, path);
        try
        {
            await using var server = await ServerProcess.StartNewAsync($"Matching:ModelFile={path}", "Batch:TrainOnBatch=false");
            await server.ImportAsync(records);

            var online = (await server.Reconciliation.ReconcileAsync(new ReconcileRequest { Form = People.FormFor(records[0], "M-1") })).Reconciliation;
            Assert.Equal(ReconciliationStatus.Clean, online.Status);
            Assert.Equal(model.Version, online.Explanation.ModelVersion);

            var batch = (await server.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit, FormsHash = "sha256:model" })).Batch;
            await server.AddFormsAsync(batch.BatchId, records.Select(r => People.FormFor(r, $"M-{r.RecordId}")).ToList());
            await server.Batches.StartBatchAsync(new StartBatchRequest { BatchId = batch.BatchId });
            var done = (await server.WatchToEndAsync(batch.BatchId, TimeSpan.FromMinutes(2)))[^1];
            Assert.Equal(model.Version, done.ModelVersion);
            Assert.All(await server.AllResultsAsync(batch.BatchId), r => Assert.Equal(model.Version, r.Explanation.ModelVersion));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [NoDatabaseTheory]
    [InlineData("missing.json", "cannot read the model file")]
    [InlineData("edited.json", "does not match its parameters")]
    public async Task A_model_file_that_cannot_be_used_stops_the_start_and_says_why(string file, string reason)
    {
        var directory = Directory.CreateTempSubdirectory("cccdrecon-model-").FullName;
        try
        {
            var json = ModelFile.ToJson(TrainedOn(Enumerable.Range(6700, 60).Select(Cast.Record).ToList()));
            // The present share edited by hand: still a valid model, no longer the one trained.
            File.WriteAllText(Path.Combine(directory, "edited.json"), json.Replace("\"present_share\": 0.", "\"present_share\": 0.0"));
            await using var server = new ServerProcess(null, $"Matching:ModelFile={Path.Combine(directory, file)}");
            var exitCode = await server.RunToExitAsync(TimeSpan.FromSeconds(60));
            Assert.NotEqual(0, exitCode);
            Assert.Contains("Matching:ModelFile", server.Output);
            Assert.Contains(reason, server.Output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A model trained on the forms of these records (any training moves it off the default).</summary>
    private static MatchModel TrainedOn(IReadOnlyList<Contracts.V1.RegistryRecord> records)
    {
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        var domain = records.Select(r => new Domain.RegistryRecord
        {
            RecordId = r.RecordId, PersonalId = r.PersonalId, FullName = r.FullName, DateOfBirth = r.DateOfBirth, Gender = r.Gender,
            BirthPlace = r.BirthPlace, PermanentAddress = r.PermanentAddress, FatherName = r.FatherName, MotherName = r.MotherName,
        }).ToList();
        index.AddRange(domain);
        var forms = records.Select(r => People.FormFor(r, $"T-{r.RecordId}")).Select(f => new Domain.SurveyForm
        {
            FormId = f.FormId, PersonalId = f.PersonalId, FullName = f.FullName, DateOfBirth = f.DateOfBirth, Gender = f.Gender,
            BirthPlace = f.BirthPlace, PermanentAddress = f.PermanentAddress, FatherName = f.FatherName, MotherName = f.MotherName,
        });
        var model = ModelTrainer.Train(index, forms, new MatchingOptions(), TimeProvider.System);
        Assert.NotEqual(MatchModel.Default.Version, model.Version);
        return model;
    }
}
