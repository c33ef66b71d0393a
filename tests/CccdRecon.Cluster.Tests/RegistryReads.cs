using CccdRecon.Contracts.V1;
using CccdRecon.Core.Matching;
using Grpc.Core;
using Grpc.Net.Client;

namespace CccdRecon.Cluster.Tests;

/// <summary>
/// The registry's reads over gRPC (RegistryService.GetRecord, SearchRecords) on a server in cluster mode, which holds no
/// registry of its own: each must answer as one process holding the whole registry answers — the same record by id,
/// the same search hits in the same order over every page — and an unknown id is NOT_FOUND.
/// </summary>
internal static class RegistryReads
{
    private const int PageSize = 7;

    /// <param name="channel">a channel whose token has the registry role</param>
    public static async Task AssertAsSingleProcessAsync(GrpcChannel channel, GeneratedRegistry data, CancellationToken cancellationToken)
    {
        var registry = new RegistryService.RegistryServiceClient(channel);
        var index = data.Single.Index;

        // By id: records of many partitions (every province the generator spread them over).
        var records = data.Records.Where(r => index.Get(r.RecordId) is not null).ToList();
        var sample = records.Where((_, i) => i % 97 == 0).ToList();
        foreach (var record in sample)
        {
            var got = await registry.GetRecordAsync(new GetRecordRequest { RecordId = record.RecordId }, cancellationToken: cancellationToken);
            Assert.Equal(index.Get(record.RecordId)!.ToProto(), got.Record);
        }
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            registry.GetRecordAsync(new GetRecordRequest { RecordId = "no-such-record" }, cancellationToken: cancellationToken).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        // Searches as a reviewer types them: a name without diacritics in capitals (many pages, records of many
        // provinces), an ID number with spaces, a year with a surname.
        // A surname borne by a few pages' worth of people, in whichever provinces they live.
        var surname = records.Select(r => Fold(r.FullName.Split(' ')[0])).Distinct().First(n =>
            index.Search(RecordCriteria.Parse(new RecordQuery(n, null, null), index.Today, out _), null, records.Count).Count is > 2 * PageSize and < 12 * PageSize);
        var withId = records.First(r => r.PersonalId is { Length: 12 } && records.IndexOf(r) > 40);
        var dated = records.First(r => r.DateOfBirth is { Length: >= 4 } && records.IndexOf(r) > 80);
        var queries = new[]
        {
            new RecordQuery(surname, null, null),
            new RecordQuery(null, null, string.Join(' ', withId.PersonalId!.Chunk(3).Select(c => new string(c)))),
            new RecordQuery(Fold(dated.FullName.Split(' ')[0]), dated.DateOfBirth![..4], null),
        };
        var paged = false;
        foreach (var query in queries)
        {
            var criteria = RecordCriteria.Parse(query, index.Today, out var problems);
            Assert.Empty(problems);
            var expected = index.Search(criteria, null, records.Count).Select(h => h.Record.ToProto()).ToList();
            Assert.NotEmpty(expected);
            var actual = new List<Contracts.V1.RegistryRecord>();
            var token = "";
            do
            {
                var page = await registry.SearchRecordsAsync(new SearchRecordsRequest
                {
                    FullName = query.FullName ?? "", DateOfBirth = query.DateOfBirth ?? "", PersonalId = query.PersonalId ?? "",
                    PageSize = PageSize, PageToken = token,
                }, cancellationToken: cancellationToken);
                Assert.InRange(page.Records.Count, 1, PageSize);
                actual.AddRange(page.Records);
                token = page.NextPageToken;
            }
            while (token.Length > 0);
            Assert.Equal(expected, actual);
            paged |= expected.Count > 2 * PageSize;
        }
        Assert.True(paged, "no search spanned several pages");
    }

    /// <summary>What a reviewer types in a hurry: capitals, no diacritics.</summary>
    private static string Fold(string name) => Core.Names.VietnameseText.Fold(name).ToUpperInvariant();
}
