extern alias server;

using System.Text;
using CccdRecon.Core.Matching;
using CccdRecon.Data;
using CccdRecon.Data.Errors;
using CccdRecon.Data.Forms;
using server::CccdRecon.Server.Errors;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using V1 = CccdRecon.Contracts.V1;

namespace CccdRecon.Server.Tests;

/// <summary>
/// Fuzzes the gRPC request validation in process with 100,000 generated forms each (hostile strings, and random bytes
/// decoded as a message): validation never throws, every violation names a real field, the INVALID_ARGUMENT it
/// raises carries a BadRequest and never echoes a value, and whatever passes validation reconciles without throwing.
/// Fixed seeds: a failure names its seed and iteration.
/// </summary>
public sealed class RequestValidationFuzzTests
{
    private const int Iterations = 100_000;
    private static readonly StoreLimits Limits = new();
    private static readonly HashSet<string> Fields =
    [
        "form", "form.form_id", "form.personal_id", "form.full_name", "form.date_of_birth", "form.gender", "form.birth_place",
        "form.hometown", "form.ethnicity", "form.permanent_address", "form.father_name", "form.mother_name",
    ];

    [Fact]
    public void Hostile_field_values_never_break_validation_or_leak_into_errors()
    {
        var rng = new Random(20261122);
        var reconciler = SmallReconciler();
        for (var i = 0; i < Iterations; i++)
        {
            var form = new V1.SurveyForm
            {
                FormId = Hostile(rng), PersonalId = Hostile(rng), FullName = Hostile(rng), DateOfBirth = Hostile(rng),
                Gender = Hostile(rng), BirthPlace = Hostile(rng), PermanentAddress = Hostile(rng),
                FatherName = Hostile(rng), MotherName = Hostile(rng),
            };
            Check(form, reconciler, $"seed 20261122 iteration {i}");
        }
    }

    [Fact]
    public void Random_bytes_decoded_as_a_form_never_break_validation()
    {
        var rng = new Random(7);
        var reconciler = SmallReconciler();
        var decoded = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var bytes = RandomWire(rng);
            V1.SurveyForm form;
            try
            {
                form = V1.SurveyForm.Parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException)
            {
                continue; // gRPC refuses such a message before any handler runs
            }
            decoded++;
            Check(form, reconciler, $"seed 7 iteration {i}");
        }
        Assert.True(decoded > Iterations / 3, $"only {decoded} random messages decoded: the test would prove little");
    }

    private static void Check(V1.SurveyForm form, Reconciler reconciler, string where)
    {
        // As the server does: the form as received, mapped to the domain, then the rules.
        var domain = V1.DomainMapping.ToDomain(form);
        var check = FormRules.Check(domain, Limits, "form.");
        foreach (var v in check.Violations)
            Assert.True(Fields.Contains(v.Field), $"{where}: violation names unknown field {v.Field}");
        if (!check.IsValid)
        {
            var error = RpcErrors.From(Assert.Throws<InvalidInputException>(check.ThrowIfInvalid));
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            var status = error.GetRpcStatus();
            Assert.NotNull(status);
            var badRequest = status!.GetDetail<BadRequest>();
            Assert.NotNull(badRequest);
            Assert.Equal(check.Violations.Count, badRequest!.FieldViolations.Count);
            foreach (var value in (string[])[form.FullName, form.DateOfBirth, form.PersonalId, form.PermanentAddress])
                if (value.Length >= 6)
                    Assert.False(error.Status.Detail.Contains(value, StringComparison.Ordinal), $"{where}: error echoes a field value");
            return;
        }
        // Accepted forms go to the engine, which must answer (an unreadable form is a result, not an exception).
        var result = reconciler.Reconcile(domain);
        Assert.Equal(domain.FormId, result.FormId);
    }

    /// <summary>Length-delimited fields with random numbers and contents, now and then a corrupted byte: mostly decodable.</summary>
    private static byte[] RandomWire(Random rng)
    {
        var output = new MemoryStream();
        var fields = rng.Next(0, 12);
        for (var k = 0; k < fields; k++)
        {
            var number = rng.Next(1, 20);
            var content = rng.Next(4) == 0 ? RandomBytes(rng, rng.Next(0, 80)) : Encoding.UTF8.GetBytes(Hostile(rng));
            WriteVarint(output, (uint)(number << 3 | 2));
            WriteVarint(output, (uint)content.Length);
            output.Write(content);
        }
        var bytes = output.ToArray();
        if (bytes.Length > 0 && rng.Next(10) == 0) bytes[rng.Next(bytes.Length)] ^= (byte)(1 << rng.Next(8));
        return bytes;
    }

    private static byte[] RandomBytes(Random rng, int n)
    {
        var b = new byte[n];
        rng.NextBytes(b);
        return b;
    }

    private static void WriteVarint(Stream s, uint v)
    {
        while (v >= 0x80) { s.WriteByte((byte)(v | 0x80)); v >>= 7; }
        s.WriteByte((byte)v);
    }

    private static string Hostile(Random rng)
    {
        switch (rng.Next(12))
        {
            case 0: return "";
            case 1: return new string('x', rng.Next(500, 700)); // around MaxFieldLength
            case 2: return "\u0000\u0001\u001F\u007F\u0085";
            case 3: return ((char)rng.Next(0xD800, 0xE000)).ToString() + "Nguyễn";
            case 4: return "Nguyễn Văn Hòa".Normalize(NormalizationForm.FormD) + new string('\u0301', rng.Next(0, 300));
            case 5: return "NguyÔn V¨n §øc";
            case 6: return "31/02/1980";
            case 7: return "001 090 012 345 6";
            case 8: return "\uFFFE\uFFFF\"',;\r\n";
            default:
                var sb = new StringBuilder();
                var n = rng.Next(0, 40);
                for (var k = 0; k < n; k++) sb.Append((char)rng.Next(0, 0x3000));
                return sb.ToString();
        }
    }

    private static Reconciler SmallReconciler()
    {
        var index = new RegistryIndex(new DateOnly(2026, 11, 22));
        index.AddRange([
            new RegistryRecord { RecordId = "R1", PersonalId = "001090012345", FullName = "Nguyễn Văn Hòa", DateOfBirth = "1990-03-12", Gender = "male" },
            new RegistryRecord { RecordId = "R2", FullName = "Lê Thị Mai", DateOfBirth = "1985-07-04", Gender = "female" },
        ]);
        return new Reconciler(index, new MatchingOptions(), TimeProvider.System);
    }
}
