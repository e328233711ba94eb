namespace Aspire.Sandbox.Contracts.Redis;

/// <summary>
/// The Lua of <see cref="WorkQueue"/>. Layout (prefix P): the work stream and its consumer group; P worker:{c}
/// (a consumer's lease, a key with a time-to-live), P worker:{c}:inbox (entries handed to it), P session:{s}:worker
/// (the consumer that drives the session), P run:{r}:secrets (a queued run's sealed secrets).
/// </summary>
internal static class WorkQueueScripts
{
    /// <summary>Shared functions: field lookup, result rows, leases, and adopting a dead consumer's entries.</summary>
    private const string Common = """
        local stream, group, me, prefix = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
        local ownerTtl = tonumber(ARGV[4])
        local out = {}
        local function field(fields, name)
          for i = 1, #fields, 2 do if fields[i] == name then return fields[i + 1] end end
          return ''
        end
        local function row(entry, how)
          local run = field(entry[2], 'run')
          local secrets = ''
          if run ~= '' then secrets = redis.call('GET', prefix .. 'run:' .. run .. ':secrets') or '' end
          out[#out + 1] = {entry[1], entry[2], how, secrets}
        end
        local function own(fields)
          redis.call('SET', prefix .. 'session:' .. field(fields, 'session') .. ':worker', me, 'EX', ownerTtl)
        end
        local function alive(consumer) return redis.call('EXISTS', prefix .. 'worker:' .. consumer) == 1 end
        local function adopt(dead)
          while true do
            local pending = redis.call('XPENDING', stream, group, '-', '+', 100, dead)
            if #pending == 0 then break end
            for _, p in ipairs(pending) do
              local claimed = redis.call('XCLAIM', stream, group, me, 0, p[1])
              local entry = claimed[1]
              if type(entry) == 'table' and type(entry[2]) == 'table' then
                own(entry[2])
                row(entry, 'r')
              else
                redis.call('XACK', stream, group, p[1])
              end
            end
          end
          redis.call('DEL', prefix .. 'worker:' .. dead .. ':inbox')
          redis.call('XGROUP', 'DELCONSUMER', stream, group, dead)
        end
        local function ensureGroup()
          local ok, err = pcall(redis.call, 'XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM')
          if not ok and not string.find(tostring(err), 'BUSYGROUP') then error(err) end
        end
        """;

    /// <summary>
    /// ARGV[5] count, ARGV[6] wake-up channel. Entries handed to this consumer first, then new entries: each goes
    /// to the consumer that drives its session (handed over if that one is alive; its whole backlog adopted
    /// first if it is dead), else this consumer takes the session. Rows: {id, fields, how, secrets}, how = n
    /// (new), h (handed over), r (reclaimed from a dead consumer).
    /// </summary>
    public const string Read = Common + "\n" + """
        local inbox = prefix .. 'worker:' .. me .. ':inbox'
        local handed = redis.call('LRANGE', inbox, 0, -1)
        if #handed > 0 then redis.call('DEL', inbox) end
        for _, id in ipairs(handed) do
          local e = redis.call('XRANGE', stream, id, id)
          if #e > 0 then row(e[1], 'h') else redis.call('XACK', stream, group, id) end
        end
        local ok, res = pcall(redis.call, 'XREADGROUP', 'GROUP', group, me, 'COUNT', ARGV[5], 'STREAMS', stream, '>')
        if not ok then
          if not string.find(tostring(res), 'NOGROUP') then error(res) end
          ensureGroup()
          res = redis.call('XREADGROUP', 'GROUP', group, me, 'COUNT', ARGV[5], 'STREAMS', stream, '>')
        end
        local wake = false
        if res then
          for _, entry in ipairs(res[1][2]) do
            local owner = redis.call('GET', prefix .. 'session:' .. field(entry[2], 'session') .. ':worker')
            if owner and owner ~= me and alive(owner) then
              redis.call('XCLAIM', stream, group, owner, 0, entry[1], 'JUSTID')
              redis.call('RPUSH', prefix .. 'worker:' .. owner .. ':inbox', entry[1])
              wake = true
            else
              if owner and owner ~= me then adopt(owner) end
              own(entry[2])
              row(entry, 'n')
            end
          end
        end
        if wake then redis.call('PUBLISH', ARGV[6], 'handed') end
        return out
        """;

    /// <summary>ARGV[5] lease in ms. Adopts the entries of every other consumer whose lease has expired and that has not read for a lease.</summary>
    public const string Reclaim = Common + "\n" + """
        local ok, consumers = pcall(redis.call, 'XINFO', 'CONSUMERS', stream, group)
        if not ok then return out end
        local lease = tonumber(ARGV[5])
        for _, c in ipairs(consumers) do
          local info = {}
          for i = 1, #c, 2 do info[c[i]] = c[i + 1] end
          if info['name'] ~= me and tonumber(info['idle']) > lease and not alive(info['name']) then adopt(info['name']) end
        end
        return out
        """;

    /// <summary>
    /// ARGV[1] kind, [2] session, [3] run, [4] body, [5] sealed secrets ('' none), [6] secrets ttl s, [7] wake channel, [8] prefix,
    /// [9] W3C traceparent of the request that queued it ('' none).
    /// </summary>
    public const string Enqueue = """
        if ARGV[5] ~= '' then redis.call('SET', ARGV[8] .. 'run:' .. ARGV[3] .. ':secrets', ARGV[5], 'EX', ARGV[6]) end
        local id = redis.call('XADD', KEYS[1], '*', 'kind', ARGV[1], 'session', ARGV[2], 'run', ARGV[3], 'body', ARGV[4], 'trace', ARGV[9])
        redis.call('PUBLISH', ARGV[7], id)
        return id
        """;

    /// <summary>ARGV[1] group, [2] entry id, [3] secrets key or ''. Done: acknowledged, removed from the stream, secrets gone.</summary>
    public const string Acknowledge = """
        local n = redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        redis.call('XDEL', KEYS[1], ARGV[2])
        if ARGV[3] ~= '' then redis.call('DEL', ARGV[3]) end
        return n
        """;
}
