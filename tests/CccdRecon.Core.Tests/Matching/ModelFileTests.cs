using System.Text.Json.Nodes;
using CccdRecon.Core.Matching;

namespace CccdRecon.Core.Tests.Matching;

public sealed class ModelFileTests(TrainedProvinces trained) : IClassFixture<TrainedProvinces>
{
    private MatchModel Trained() => trained.Few.Model;

    [Fact]
    public void A_saved_model_loads_as_the_same_model()
    {
        var model = Trained();
        var loaded = ModelFile.FromJson(ModelFile.ToJson(model));
        Assert.Equal(model.Version, loaded.Version);
        Assert.Equal(model.PresentShare, loaded.PresentShare);
        Assert.Equal(model.Describe(), loaded.Describe());
        Assert.Equal(model.HeldBack, loaded.HeldBack);
        Assert.Equal(model.Training.Forms, loaded.Training.Forms);
    }

    [Fact]
    public void The_file_names_every_field_and_level_with_m_u_and_weight()
    {
        var json = JsonNode.Parse(ModelFile.ToJson(Trained()))!;
        Assert.Equal(ModelFile.Format, (string?)json["format"]);
        Assert.StartsWith("m", (string?)json["version"]);
        var fields = json["fields"]!.AsArray();
        Assert.Equal(FieldCatalog.Count, fields.Count);
        var address = fields.Single(f => (string?)f!["field"] == "permanent_address")!["levels"]!.AsArray();
        Assert.Equal(["same_house", "same_hamlet", "same_commune", "same_district", "same_province", "different"], address.Select(l => (string?)l!["level"]));
        foreach (var level in address) Assert.NotNull(level!["m"]);
        Assert.NotNull(json["held_back"]);
        Assert.NotNull(json["training"]!["form_registry_pairs"]);
    }

    [Fact]
    public void An_edited_file_is_refused_unless_its_version_is_removed()
    {
        var json = JsonNode.Parse(ModelFile.ToJson(Trained()))!;
        var levels = json["fields"]![0]!["levels"]!;
        // Swap u between two levels: still probabilities that sum to one, but not what training gave.
        var (first, second) = ((double)levels[0]!["u"]!, (double)levels[1]!["u"]!);
        (levels[0]!["u"], levels[1]!["u"]) = (second, first);
        var e = Assert.Throws<ModelFileException>(() => ModelFile.FromJson(json.ToJsonString()));
        Assert.Contains("does not match its parameters", e.Message);
        json.AsObject().Remove("version");
        Assert.NotEqual(e.Message, ModelFile.FromJson(json.ToJsonString()).Version);
        levels[0]!["u"] = first * 3;
        Assert.Contains("sum to 1", Assert.Throws<ModelFileException>(() => ModelFile.FromJson(json.ToJsonString())).Message);
    }

    [Fact]
    public void The_version_names_the_weights_so_a_file_from_before_is_loaded_under_a_new_name()
    {
        var model = Trained();
        Assert.NotEqual(model.VersionOfParametersOnly, model.Version);
        // A file written when the version hashed m, u and the present share only: its weights may have been kept in
        // another order then, so the model it loads into must not carry the file's name for them.
        var json = JsonNode.Parse(ModelFile.ToJson(model))!;
        json["version"] = model.VersionOfParametersOnly;
        var loaded = ModelFile.FromJson(json.ToJsonString());
        Assert.Equal(model.Version, loaded.Version);
        Assert.Equal(model.Describe(), loaded.Describe());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[1,2]")]
    [InlineData("{\"format\":\"cccdrecon-model/1\",\"present_share\":0.9,\"fields\":[]}")]
    public void A_file_that_is_not_a_model_is_refused_with_a_reason(string text)
    {
        var e = Assert.Throws<ModelFileException>(() => ModelFile.FromJson(text));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public void Monotone_weights_pool_levels_out_of_order_and_report_them()
    {
        var spec = FieldCatalog.Of(MatchField.AddressText);
        var held = new List<HeldBackWeight>();
        // "partial" estimated above "close", and "different" above 0 bits.
        var weights = MonotoneWeights.Enforce(spec, m: [0.5, 0.3, 0.2], u: [0.01, 0.001, 0.1], held);
        Assert.Equal(weights[0], weights[1], 9);
        Assert.Equal(Math.Log2(0.8 / 0.011), weights[0], 9);
        Assert.Equal(0, weights[2]);
        Assert.Equal(["close", "partial", "different"], held.Select(h => h.Level));
        Assert.Contains("held at 0 bits", held[2].Reason);
    }
}
