using System.Text.Json;

namespace CccdRecon.Cluster.Grains;

/// <summary>
/// The snapshot directory a grain reloads from when it is activated (again, on another silo after a crash): one
/// JSON-lines file per grain, appended as items arrive. Every silo of a cluster must see the same directory.
/// </summary>
internal sealed class SnapshotStore(string directory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public async Task AppendAsync<T>(string name, IEnumerable<T> items, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        await using var stream = new FileStream(PathOf(name), FileMode.Append, FileAccess.Write, FileShare.Read);
        await using var writer = new StreamWriter(stream);
        foreach (var item in items)
            await writer.WriteLineAsync(JsonSerializer.Serialize(item, Json).AsMemory(), cancellationToken);
        await writer.FlushAsync(cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Replaces a one-item file atomically (write aside, then rename).</summary>
    public async Task WriteAsync<T>(string name, T item, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var path = PathOf(name);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(item, Json), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public async Task<T?> ReadAsync<T>(string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        return File.Exists(path) ? JsonSerializer.Deserialize<T>(await File.ReadAllTextAsync(path, cancellationToken), Json) : default;
    }

    /// <summary>The items appended so far; a last line cut short by a crash is left out.</summary>
    public async Task<List<T>> ReadAllAsync<T>(string name, CancellationToken cancellationToken = default)
    {
        var items = new List<T>();
        var path = PathOf(name);
        if (!File.Exists(path)) return items;
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            if (line.Length == 0) continue;
            try { items.Add(JsonSerializer.Deserialize<T>(line, Json)!); }
            catch (JsonException) { break; }
        }
        return items;
    }

    /// <summary>The lines of a JSON-lines file (0 when there is none), without reading its items.</summary>
    public async Task<long> CountLinesAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        if (!File.Exists(path)) return 0;
        long lines = 0;
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
            if (line.Length > 0) lines++;
        return lines;
    }

    private string PathOf(string name) => Path.Combine(directory, name);
}
