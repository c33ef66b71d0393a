using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CccdRecon.Core.Matching;

/// <summary>A model file that cannot be used, with the reason (never a stack trace).</summary>
public sealed class ModelFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// model.json: a <see cref="MatchModel"/> as a file, so that a run's model can be inspected, kept with its results and
/// used again (<c>reconcile --model</c>, a server's online model, a resumed batch). Holds m, u and the weight of every
/// field and level, the present share, the weights held back, the version and what it was trained on. Loading checks
/// that every field and level is known and that the version matches the parameters, so an edited file is refused.
/// </summary>
public static class ModelFile
{
    /// <summary>The format's name and revision, written first in the file.</summary>
    public const string Format = "cccdrecon-model/1";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(MatchModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var fields = FieldCatalog.Fields.Select((spec, f) => new FieldDto(spec.Name,
            spec.Levels.Select((level, l) => new LevelDto(level.Name, Meaning(level.Meaning), model.M(f, l), model.U(f, l),
                Math.Round(model.Weight(f, l), 4))).ToList())).ToList();
        return JsonSerializer.Serialize(new FileDto(Format, model.Version, model.PresentShare, fields, model.HeldBack.ToList(), model.Training), Json);
    }

    public static void Save(MatchModel model, string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, ToJson(model), new System.Text.UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }

    public static MatchModel Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException($"cannot read the model file: {e.Message}", e);
        }
        return FromJson(text);
    }

    public static MatchModel FromJson(string json)
    {
        FileDto? file;
        try
        {
            file = JsonSerializer.Deserialize<FileDto>(json, Json);
        }
        catch (JsonException e)
        {
            throw new ModelFileException($"the model file is not valid JSON ({e.Message})", e);
        }
        if (file is null || file.Format != Format)
            throw new ModelFileException($"not a model file: format must be \"{Format}\"");
        var fields = file.Fields ?? [];
        var m = new double[FieldCatalog.Count][];
        var u = new double[FieldCatalog.Count][];
        foreach (var spec in FieldCatalog.Fields)
        {
            var f = (int)spec.Field;
            var dto = fields.FirstOrDefault(x => x.Field == spec.Name)
                ?? throw new ModelFileException($"the model has no field {spec.Name}");
            var levels = dto.Levels ?? [];
            if (levels.Count != spec.LevelCount || levels.Select(l => l.Level).Except(spec.Levels.Select(l => l.Name)).Any())
                throw new ModelFileException($"{spec.Name}: the levels must be {string.Join(", ", spec.Levels.Select(l => l.Name))}");
            m[f] = new double[spec.LevelCount];
            u[f] = new double[spec.LevelCount];
            foreach (var level in levels)
            {
                var l = spec.IndexOf(level.Level ?? "");
                if (!(level.M > 0 && level.M <= 1 && level.U > 0 && level.U <= 1))
                    throw new ModelFileException($"{spec.Name}.{level.Level}: m and u must be probabilities above 0");
                (m[f][l], u[f][l]) = (level.M, level.U);
            }
            if (Math.Abs(m[f].Sum() - 1) > 1e-3 || Math.Abs(u[f].Sum() - 1) > 1e-3)
                throw new ModelFileException($"{spec.Name}: m and u must each sum to 1 over the levels");
        }
        if (!(file.PresentShare > 0 && file.PresentShare < 1))
            throw new ModelFileException("present_share must be between 0 and 1");
        var model = new MatchModel(m, u, file.PresentShare, file.Training ?? ModelTraining.None);
        if (file.Version is { Length: > 0 } version && version != model.Version && version != model.VersionOfParametersOnly)
            throw new ModelFileException(string.Create(CultureInfo.InvariantCulture,
                $"the model's version {version} does not match its parameters ({model.Version}): the file was changed after training; remove \"version\" to accept the edit"));
        return model;
    }

    private static string Meaning(LevelMeaning meaning) => meaning switch
    {
        LevelMeaning.Agrees => "agrees",
        LevelMeaning.Near => "near",
        LevelMeaning.Partial => "partial",
        _ => "differs",
    };

    private sealed record FileDto(string? Format, string? Version, double PresentShare, List<FieldDto>? Fields, List<HeldBackWeight>? HeldBack, ModelTraining? Training);

    private sealed record FieldDto(string? Field, List<LevelDto>? Levels);

    private sealed record LevelDto(string? Level, string? Meaning, double M, double U, double Weight);
}
