using CccdRecon.Contracts.Security;
using CccdRecon.Core.Access;
using CccdRecon.Contracts.V1;
using CccdRecon.Server.Tests.Infrastructure;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace CccdRecon.Server.Tests;

/// <summary>A server with one finished batch in each of two units, each with review cases and clean records.</summary>
public sealed class AccessFixture : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;
    public string BatchId { get; private set; } = "";
    public string CaseId { get; private set; } = "";
    public string OtherUnitCaseId { get; private set; } = "";
    public RegistryRecord Record { get; } = Cast.Record(8000);

    private readonly Dictionary<string, ServerClients> _byRole = [];

    public async Task InitializeAsync()
    {
        Server = await ServerProcess.StartNewAsync("Batch:PollInterval=00:00:00.200", "Batch:WatchInterval=00:00:00.050");
        (BatchId, var cases) = await Server.ReviewBatchAsync(8000, 2);
        CaseId = cases[0].CaseId;
        OtherUnitCaseId = (await Server.ReviewBatchAsync(8100, 1, People.OtherUnit)).Cases[0].CaseId;
    }

    /// <summary>Clients whose token has exactly one role (reviewers serve the tests' unit).</summary>
    public IServerClients As(string role)
    {
        if (!_byRole.TryGetValue(role, out var clients))
        {
            clients = _byRole[role] = Server.As("only." + role, role, People.Unit);
        }
        return clients;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Each role can call exactly its RPCs; reviewers see only the cases of their units.</summary>
public sealed class AccessTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    /// <summary>The spec, written out here independently of the server's table.</summary>
    private static readonly Dictionary<string, string> RoleOfService = new()
    {
        [ReconciliationService.Descriptor.FullName] = Roles.Upstream,
        [RegistryService.Descriptor.FullName] = Roles.Registry,
        [BatchService.Descriptor.FullName] = Roles.Batch,
        [ReviewService.Descriptor.FullName] = Roles.Reviewer,
        [IntakeService.Descriptor.FullName] = Roles.Intake,
        [AuditService.Descriptor.FullName] = Roles.Admin,
    };

    /// <summary>The methods whose roles differ from their service's (the first role is the one a refusal names).</summary>
    private static readonly Dictionary<string, string[]> RolesOfMethod = new()
    {
        ["RegistryService/SearchRecords"] = [Roles.Reviewer, Roles.Registry],
        ["ReviewService/ReassignCase"] = [Roles.Admin],
    };

    private static IReadOnlyList<string> RolesOf(string rpc)
        => RolesOfMethod.TryGetValue(rpc, out var roles) ? roles : [RoleOfService[Services.Single(s => s.Name == rpc.Split('/')[0]).FullName]];

    private static readonly ServiceDescriptor[] Services =
    [
        ReconciliationService.Descriptor, RegistryService.Descriptor, BatchService.Descriptor, ReviewService.Descriptor,
        IntakeService.Descriptor, AuditService.Descriptor,
    ];

    /// <summary>One call per RPC, harmless for the fixture's data (unknown ids where a call would change something).</summary>
    private static readonly Dictionary<string, Func<IServerClients, AccessFixture, Task>> Calls = new()
    {
        ["ReconciliationService/Reconcile"] = (c, f) => c.Reconciliation.ReconcileAsync(new ReconcileRequest { Form = People.FormFor(f.Record, "ACL-1") }).ResponseAsync,
        ["ReconciliationService/ReconcileStream"] = async (c, f) =>
        {
            using var call = c.Reconciliation.ReconcileStream();
            await call.RequestStream.SendAllAsync([new ReconcileStreamRequest { Form = People.FormFor(f.Record, "ACL-2") }]);
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        },
        ["RegistryService/ImportRecords"] = (c, _) => c.ImportAsync([]),
        ["RegistryService/GetRecord"] = (c, f) => c.Registry.GetRecordAsync(new GetRecordRequest { RecordId = f.Record.RecordId }).ResponseAsync,
        ["RegistryService/SearchRecords"] = (c, f) => c.Registry.SearchRecordsAsync(new SearchRecordsRequest { FullName = "nguyen van hoa", CaseId = f.CaseId }).ResponseAsync,
        ["BatchService/CreateBatch"] = (c, _) => c.Batches.CreateBatchAsync(new CreateBatchRequest { Unit = People.Unit, DisplayName = "acl" }).ResponseAsync,
        ["BatchService/AddForms"] = (c, _) => c.AddFormsAsync("acl-none", [People.Stranger("ACL-3")]),
        ["BatchService/StartBatch"] = (c, _) => c.Batches.StartBatchAsync(new StartBatchRequest { BatchId = "acl-none" }).ResponseAsync,
        ["BatchService/GetBatch"] = (c, f) => c.Batches.GetBatchAsync(new GetBatchRequest { BatchId = f.BatchId }).ResponseAsync,
        ["BatchService/ListBatches"] = (c, _) => c.Batches.ListBatchesAsync(new ListBatchesRequest()).ResponseAsync,
        ["BatchService/WatchBatch"] = (c, f) => c.WatchToEndAsync(f.BatchId, TimeSpan.FromSeconds(30)),
        ["BatchService/ListResults"] = (c, f) => c.Batches.ListResultsAsync(new ListResultsRequest { BatchId = f.BatchId }).ResponseAsync,
        ["BatchService/CancelBatch"] = (c, _) => c.Batches.CancelBatchAsync(new CancelBatchRequest { BatchId = "acl-none" }).ResponseAsync,
        ["BatchService/RerunBatch"] = (c, _) => c.Batches.RerunBatchAsync(new RerunBatchRequest { BatchId = "acl-none" }).ResponseAsync,
        ["ReviewService/ListCases"] = (c, _) => c.Review.ListCasesAsync(new ListCasesRequest()).ResponseAsync,
        ["ReviewService/GetCase"] = (c, f) => c.Review.GetCaseAsync(new GetCaseRequest { CaseId = f.CaseId }).ResponseAsync,
        ["ReviewService/ClaimCase"] = (c, _) => c.Review.ClaimCaseAsync(new ClaimCaseRequest { CaseId = "999999999" }).ResponseAsync,
        ["ReviewService/ResolveCase"] = (c, _) => c.Review.ResolveCaseAsync(new ResolveCaseRequest
        {
            CaseId = "999999999", Etag = "1", Decisions = { new FieldDecision { Field = "full_name", Action = DecisionAction.KeepRegistry } },
        }).ResponseAsync,
        ["ReviewService/ReleaseCase"] = (c, _) => c.Review.ReleaseCaseAsync(new ReleaseCaseRequest { CaseId = "999999999" }).ResponseAsync,
        ["ReviewService/ReassignCase"] = (c, _) => c.Review.ReassignCaseAsync(new ReassignCaseRequest { CaseId = "999999999", Reviewer = "can.bo.lan" }).ResponseAsync,
        ["ReviewService/BulkResolveCases"] = (c, _) => c.Review.BulkResolveCasesAsync(new BulkResolveCasesRequest
        {
            Unit = People.Unit, Field = "date_of_birth", Kind = "lunar_date", Action = DecisionAction.KeepRegistry, ValidateOnly = true,
        }).ResponseAsync,
        ["IntakeService/ListCleanRecords"] = (c, f) => c.Intake.ListCleanRecordsAsync(new ListCleanRecordsRequest { BatchId = f.BatchId }).ResponseAsync,
        ["IntakeService/ExportCleanRecords"] = async (c, f) =>
        {
            using var call = c.Intake.ExportCleanRecords(new ExportCleanRecordsRequest { BatchId = f.BatchId });
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        },
        ["AuditService/ListEvents"] = (c, _) => c.Audit.ListEventsAsync(new ListEventsRequest()).ResponseAsync,
    };

    public static TheoryData<string, string> EveryRpcAndRole()
    {
        var data = new TheoryData<string, string>();
        foreach (var rpc in Calls.Keys)
        {
            foreach (var role in Roles.All)
            {
                data.Add(rpc, role);
            }
        }
        return data;
    }

    [Fact]
    public void The_table_covers_every_rpc_of_every_service()
    {
        var rpcs = Services.SelectMany(s => s.Methods.Select(m => $"{s.Name}/{m.Name}")).Order();

        Assert.Equal(rpcs, Calls.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(EveryRpcAndRole))]
    public async Task A_role_may_call_its_rpcs_and_no_other(string rpc, string role)
    {
        var accepted = RolesOf(rpc);
        var allowed = role == Roles.Admin || accepted.Contains(role);

        var code = await CodeOf(() => Calls[rpc](fixture.As(role), fixture));

        if (allowed)
        {
            Assert.True(code is not (StatusCode.PermissionDenied or StatusCode.Unauthenticated), $"{role} should be allowed {rpc}, got {code}");
        }
        else
        {
            var status = await Rpc.FailsWith(StatusCode.PermissionDenied, () => Calls[rpc](fixture.As(role), fixture));
            Assert.Equal("ROLE_REQUIRED", status.Reason());
            Assert.Contains(accepted[0], status.Message);
        }
    }

    [Theory]
    [MemberData(nameof(EveryRpc))]
    public async Task Without_a_token_or_with_a_forged_one_every_rpc_is_unauthenticated(string rpc)
    {
        var missing = await Rpc.FailsWith(StatusCode.Unauthenticated, () => Calls[rpc](fixture.Server.WithToken(null), fixture));
        Assert.Equal("TOKEN_MISSING", missing.Reason());

        // Right claims, wrong key (as another development server would sign them).
        var otherKey = new DevelopmentSigningKey("other", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var forged = Cli.Token.TokenMinter.Mint(otherKey, new Cli.Token.TokenRequest("intruder", [Roles.Admin], [], TimeSpan.FromHours(1)), TimeProvider.System);
        var invalid = await Rpc.FailsWith(StatusCode.Unauthenticated, () => Calls[rpc](fixture.Server.WithToken(forged), fixture));
        Assert.Equal("TOKEN_INVALID", invalid.Reason());
    }

    public static TheoryData<string> EveryRpc() => [.. Calls.Keys];

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_token_without_a_subject_is_unauthenticated_whatever_its_roles(string? subject)
    {
        // Signed with the server's own key, an admin role, valid in every other way: only the subject is missing.
        Assert.True(DevelopmentSigningKey.TryLoad(Path.Combine(fixture.Server.DataDirectory, DevelopmentSigningKey.DefaultPath), out var key, out var problem), problem);
        var claims = new Dictionary<string, object> { [Roles.RoleClaim] = new[] { Roles.Admin } };
        if (subject is not null)
        {
            claims["sub"] = subject;
        }
        var now = DateTime.UtcNow;
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = DevelopmentSigningKey.Issuer,
            Audience = DevelopmentSigningKey.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(key.Key) { KeyId = key.KeyId }, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
        var anonymous = fixture.Server.WithToken(token);

        var status = await Rpc.FailsWith(StatusCode.Unauthenticated,
            () => anonymous.Registry.GetRecordAsync(new GetRecordRequest { RecordId = fixture.Record.RecordId }).ResponseAsync);
        Assert.Equal("TOKEN_SUBJECT_MISSING", status.Reason());
        await Rpc.FailsWith(StatusCode.Unauthenticated, () => anonymous.Audit.ListEventsAsync(new ListEventsRequest()).ResponseAsync);
    }

    [Fact]
    public async Task An_expired_token_is_unauthenticated_and_health_needs_none()
    {
        // Issued two hours ago for one hour: well past the validator's clock skew.
        var expired = fixture.Server.Token("late", [Roles.Admin], lifetime: TimeSpan.FromHours(1), time: new ShiftedClock(TimeSpan.FromHours(-2)));
        var status = await Rpc.FailsWith(StatusCode.Unauthenticated,
            () => fixture.Server.WithToken(expired).Registry.GetRecordAsync(new GetRecordRequest { RecordId = fixture.Record.RecordId }).ResponseAsync);
        Assert.Equal("TOKEN_INVALID", status.Reason());

        var health = await new Grpc.Health.V1.Health.HealthClient(fixture.Server.WithToken(null).Channel).CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        // In Development, reflection is open to a client on loopback.
        Assert.Contains("cccdrecon.v1.ReviewService", await Rpc.ReflectedServicesAsync(fixture.Server.WithToken(null).Channel));
    }

    [Fact]
    public async Task A_reviewer_sees_and_decides_only_the_cases_of_its_units()
    {
        var mine = fixture.Server.As("reviewer.05443", Roles.Reviewer, People.Unit).Review;
        var other = fixture.Server.As("reviewer.05446", Roles.Reviewer, People.OtherUnit).Review;
        var none = fixture.Server.As("reviewer.none", Roles.Reviewer).Review;
        var admin = fixture.Server.Review;

        var myList = (await mine.ListCasesAsync(new ListCasesRequest { PageSize = 1000 })).Cases.Select(c => c.CaseId).ToList();
        var otherList = (await other.ListCasesAsync(new ListCasesRequest { PageSize = 1000 })).Cases.Select(c => c.CaseId).ToList();
        var all = (await admin.ListCasesAsync(new ListCasesRequest { PageSize = 1000 })).Cases.Select(c => c.CaseId).ToList();

        Assert.Contains(fixture.CaseId, myList);
        Assert.DoesNotContain(fixture.OtherUnitCaseId, myList);
        Assert.Equal([fixture.OtherUnitCaseId], otherList);
        Assert.Empty((await none.ListCasesAsync(new ListCasesRequest())).Cases);
        Assert.Contains(fixture.CaseId, all);
        Assert.Contains(fixture.OtherUnitCaseId, all);

        // Another unit's case answers exactly as a case that does not exist.
        var hidden = await Rpc.FailsWith(StatusCode.NotFound, () => mine.GetCaseAsync(new GetCaseRequest { CaseId = fixture.OtherUnitCaseId }).ResponseAsync);
        var absent = await Rpc.FailsWith(StatusCode.NotFound, () => mine.GetCaseAsync(new GetCaseRequest { CaseId = "999999999" }).ResponseAsync);
        Assert.Equal(absent.Reason(), hidden.Reason());
        await Rpc.FailsWith(StatusCode.NotFound, () => mine.ClaimCaseAsync(new ClaimCaseRequest { CaseId = fixture.OtherUnitCaseId }).ResponseAsync);
        var seen = (await other.GetCaseAsync(new GetCaseRequest { CaseId = fixture.OtherUnitCaseId })).ReviewCase;
        var resolve = new ResolveCaseRequest { CaseId = seen.CaseId, Etag = seen.Etag };
        resolve.Decisions.AddRange(seen.Discrepancies.Select(d => d.Field).Distinct().Select(f => new FieldDecision { Field = f, Action = DecisionAction.KeepRegistry }));
        await Rpc.FailsWith(StatusCode.NotFound, () => mine.ResolveCaseAsync(resolve).ResponseAsync);
        Assert.Equal(CaseState.Open, (await admin.GetCaseAsync(new GetCaseRequest { CaseId = seen.CaseId })).ReviewCase.State);

        // Its own reviewer can.
        var claimed = (await other.ClaimCaseAsync(new ClaimCaseRequest { CaseId = seen.CaseId })).ReviewCase;
        Assert.Equal("reviewer.05446", claimed.ClaimedBy);
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }

    private static async Task<StatusCode> CodeOf(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
