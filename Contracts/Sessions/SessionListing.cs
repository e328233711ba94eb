using System.Globalization;
using Aspire.Sandbox.Contracts.Redis;
using StackExchange.Redis;

namespace Aspire.Sandbox.Contracts.Sessions;

/// <summary>What a listing asks for: the page size, where to continue, and the filters every session must match.</summary>
public sealed record SessionQuery(
    int Limit,
    SessionCursor? Cursor = null,
    string? Status = null,
    string? Template = null,
    IReadOnlyDictionary<string, string>? Labels = null);

/// <summary>Where a page ends: the creation time and id of the last session looked at (newest first).</summary>
public sealed record SessionCursor(long CreatedAtMs, string Id)
{
    public override string ToString() => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
        CreatedAtMs.ToString(CultureInfo.InvariantCulture) + ":" + Id)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryParse(string? text, out SessionCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 200) return false;
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var plain = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            var colon = plain.IndexOf(':');
            if (colon <= 0 || colon == plain.Length - 1
                || !long.TryParse(plain[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)) return false;
            cursor = new SessionCursor(ms, plain[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

public sealed record SessionPage(IReadOnlyList<SessionRecord> Sessions, SessionCursor? Next);

/// <summary>
/// An owner's sessions, newest first, a page at a time in one Redis round trip whatever the number of sessions:
/// a sorted set per owner (score: creation time in ms) walked by a script that reads each session's hash and
/// applies the filters next to the data. A page looks at no more than <see cref="ScanBudget"/> sessions, so a
/// filter that matches rarely answers a short (even empty) page with a cursor rather than a long-running script.
/// </summary>
public sealed class SessionListing(IConnectionMultiplexer redis)
{
    public const int ScanBudget = 1000;

    // Session hashes are read by a prefix the script is given, not through KEYS: fine on one Redis (this
    // product's shape), not on a cluster.
    private const string Script = """
        local limit, budget = tonumber(ARGV[3]), tonumber(ARGV[4])
        local maxScore, afterId = ARGV[1], ARGV[2]
        local out, scanned, offset = {}, 0, 0
        local lastScore, lastId = '', ''
        local exhausted = false
        while #out < limit and scanned < budget and not exhausted do
          local chunk = redis.call('ZREVRANGEBYSCORE', KEYS[1], maxScore, '-inf', 'WITHSCORES', 'LIMIT', offset, 100)
          if #chunk < 200 then exhausted = true end
          for i = 1, #chunk, 2 do
            local id, score = chunk[i], chunk[i + 1]
            offset = offset + 1
            if not (afterId ~= '' and tonumber(score) == tonumber(maxScore) and id >= afterId) then
              scanned = scanned + 1
              lastScore, lastId = score, id
              local flat = redis.call('HGETALL', ARGV[5] .. id)
              local h = {}
              for j = 1, #flat, 2 do h[flat[j]] = flat[j + 1] end
              local match = h['id'] ~= nil
                and (ARGV[6] == '' or h['status'] == ARGV[6])
                and (ARGV[7] == '' or h['template'] == ARGV[7])
              for j = 8, #ARGV, 2 do
                if match and h['label:' .. ARGV[j]] ~= ARGV[j + 1] then match = false end
              end
              if match then
                local labels = {}
                for j = 1, #flat, 2 do
                  if string.sub(flat[j], 1, 6) == 'label:' then
                    labels[#labels + 1] = string.sub(flat[j], 7)
                    labels[#labels + 1] = flat[j + 1]
                  end
                end
                out[#out + 1] = { h['id'], h['template'], h['name'] or '', h['status'], h['createdAt'], h['lastActivityAt'], labels }
              end
              if #out >= limit or scanned >= budget then
                if i + 1 < #chunk then exhausted = false else
                  exhausted = #redis.call('ZREVRANGEBYSCORE', KEYS[1], maxScore, '-inf', 'LIMIT', offset, 1) == 0
                end
                break
              end
            end
          end
        end
        local next = {}
        if not exhausted and lastId ~= '' then next = { lastScore, lastId } end
        return { out, next }
        """;

    /// <summary>The sorted set of an owner's sessions by creation time (kept by <see cref="SessionStore.CreateAsync"/>).</summary>
    public static RedisKey ByCreation(string ownerId) => RedisKeys.OwnerSessions(ownerId).Append(":by-created");

    public async Task<SessionPage> ListAsync(string ownerId, SessionQuery query)
    {
        var cursor = query.Cursor;
        List<RedisValue> args =
        [
            cursor is null ? "+inf" : cursor.CreatedAtMs.ToString(CultureInfo.InvariantCulture),
            cursor?.Id ?? "",
            query.Limit, ScanBudget, (string)RedisKeys.Session("")!, query.Status ?? "", query.Template ?? "",
        ];
        foreach (var (key, value) in query.Labels ?? new Dictionary<string, string>()) args.AddRange([key, value]);

        var result = (RedisResult[])(await redis.GetDatabase().EvaluateAsync(Script, [ByCreation(ownerId)], [.. args]))!;
        var sessions = ((RedisResult[])result[0]!).Select(Read).ToArray();
        var next = (RedisResult[])result[1]!;
        return new SessionPage(sessions, next.Length == 2
            ? new SessionCursor(long.Parse((string)next[0]!, NumberStyles.Float, CultureInfo.InvariantCulture), (string)next[1]!)
            : null);
    }

    private static SessionRecord Read(RedisResult item)
    {
        var f = (RedisResult[])item!;
        var flat = (RedisResult[])f[6]!;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < flat.Length; i += 2) labels[(string)flat[i]!] = (string)flat[i + 1]!;
        var name = (string)f[2]!;
        return new SessionRecord((string)f[0]!, (string)f[1]!, name is { Length: > 0 } ? name : null, (string)f[3]!, "",
            FromMs((string)f[4]!), FromMs((string)f[5]!), Labels: labels);
    }

    private static DateTimeOffset FromMs(string ms) => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture));
}
