extern alias server;

using CccdRecon.Core.Matching;
using CccdRecon.Data.Json;
using CccdRecon.Testing;
using server::CccdRecon.Server.Mapping;
using Google.Protobuf;
using V1 = CccdRecon.Contracts.V1;

namespace CccdRecon.Server.Tests;

/// <summary>
/// The stored explanation (written by the stores without the wire library) is the proto3 JSON of the wire's
/// <c>Explanation</c>: protobuf parses what the stores write, and the stores read what protobuf wrote in earlier rows,
/// to the same message the API sends.
/// </summary>
public sealed class StoredExplanationTests
{
    [Fact]
    public void The_engine_explanations_of_the_samples_survive_both_ways_through_protobuf_json()
    {
        var explanations = SampleExplanations.All.Concat(EdgeCases()).ToList();
        Assert.True(explanations.Count > 1_000);
        foreach (var explanation in explanations)
        {
            var wire = explanation.ToProto();

            var parsedByProtobuf = JsonParser.Default.Parse<V1.Explanation>(ExplanationJson.Write(explanation));
            var readFromProtobuf = ExplanationJson.Read(JsonFormatter.Default.Format(wire)).ToProto();

            Assert.Equal(wire, parsedByProtobuf);
            Assert.Equal(wire, readFromProtobuf);
        }
    }

    private static IEnumerable<MatchExplanation> EdgeCases()
    {
        string[] texts = ["", "Nguyễn Văn Hoà \"trích\" \\ <b> & ≥", "tab\there\nnewline\u0001\u007f\u0085\u2028", "😀 ngoài BMP"];
        // (-0.0 is left out: proto3 JSON omits zeros, so protobuf itself reads -0.0 back as 0.)
        double[] numbers = [0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-300, -123456.789, 0.1 + 0.2];
        foreach (var text in texts)
        {
            foreach (var number in numbers)
            {
                yield return new MatchExplanation(number, [new FieldEvidence(text, text, number, text)],
                    [new CandidateScore(text, number, number, [text, text])], text);
            }
        }
        yield return new MatchExplanation(0, [], [], "");
    }
}
