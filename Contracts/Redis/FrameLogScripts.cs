namespace Aspire.Sandbox.Contracts.Redis;

/// <summary>The Lua of <see cref="FrameLog"/>: only the append, which must be one atomic step (reads are single native commands).</summary>
internal static class FrameLogScripts
{
    /// <summary>
    /// KEYS[1] stream, KEYS[2] meta hash. ARGV[1] live channel, ARGV[2] max entries, ARGV[3] max bytes,
    /// ARGV[4] seconds to keep the stream after this batch (0: the session goes on), ARGV[5] producer ('' = no
    /// de-duplication), ARGV[6] the producer's batch number, ARGV[7..] frames as JSON without id.
    /// Appends and publishes in one atomic step; the live message names the id before its first frame, so a
    /// subscriber sees at once when it missed a message. A producer's batch number makes a retried call (the
    /// first one landed, its answer was lost) a no-op instead of a duplicate.
    /// Trimming drops the oldest entries past either cap down to 99 % of it, at most twice as many as the call
    /// appends (plus 100): a little on each append once a session is at its cap, never one long pause.
    /// </summary>
    public const string Append = """
        local stream, meta = KEYS[1], KEYS[2]
        if ARGV[5] ~= '' then
          local field = 'p:' .. ARGV[5]
          local seen = tonumber(redis.call('HGET', meta, field) or '-1')
          if tonumber(ARGV[6]) <= seen then return {} end
          redis.call('HSET', meta, field, ARGV[6])
        end
        local prev = redis.call('HGET', meta, 'last') or '0-0'
        local lines, ids, bytes = {prev}, {}, 0
        for i = 7, #ARGV do
          local id = redis.call('XADD', stream, '*', 'f', ARGV[i])
          ids[#ids + 1] = id
          lines[#lines + 1] = id .. ' ' .. ARGV[i]
          bytes = bytes + #ARGV[i]
        end
        redis.call('HSET', meta, 'last', ids[#ids])
        local total = redis.call('HINCRBY', meta, 'bytes', bytes)
        redis.call('PUBLISH', ARGV[1], table.concat(lines, '\n'))

        local maxLen, maxBytes = tonumber(ARGV[2]), tonumber(ARGV[3])
        local len = redis.call('XLEN', stream)
        if len > maxLen or total > maxBytes then
          local keepLen, keepBytes = math.floor(maxLen * 0.99), math.floor(maxBytes * 0.99)
          local budget = 2 * (#ARGV - 6) + 100
          local removed, freed, last, cursor = 0, 0, nil, '-'
          local function over() return len - removed > 1 and removed < budget and (len - removed > keepLen or total - freed > keepBytes) end
          while over() do
            local page = redis.call('XRANGE', stream, cursor, '+', 'COUNT', 100)
            if #page == 0 then break end
            for _, e in ipairs(page) do
              if not over() then break end
              removed = removed + 1
              local v = e[2][2]
              if type(v) == 'string' then freed = freed + #v end
              last = e[1]
            end
            cursor = '(' .. last
          end
          if last then
            local ms, seq = string.match(last, '^(%d+)-(%d+)$')
            redis.call('XTRIM', stream, 'MINID', ms .. '-' .. string.format('%.0f', tonumber(seq) + 1))
            redis.call('HINCRBY', meta, 'bytes', -freed)
          end
        end
        if ARGV[4] ~= '0' then
          redis.call('EXPIRE', stream, ARGV[4])
          redis.call('EXPIRE', meta, ARGV[4])
        end
        return ids
        """;
}
