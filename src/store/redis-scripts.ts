/**
 * Lua scripts run atomically inside Redis (through EVALSHA, loaded by
 * ioredis's `defineCommand`), so several mailbridge instances can share
 * one Redis without races.
 */

/**
 * KEYS[1] record key; ARGV[1] claimant token; ARGV[2] new value; ARGV[3] ttl ms.
 * Replaces an in-progress marker with the final record only if the marker is
 * still the claimant's. Returns 1 when replaced, else 0.
 */
export const COMPLETE_IF_OWNER = `
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local ok, rec = pcall(cjson.decode, v)
if not ok or type(rec) ~= 'table' or rec.state ~= 'in_progress' or rec.token ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`

/**
 * KEYS[1] record key; ARGV[1] claimant token.
 * Deletes an in-progress marker only if it is still the claimant's.
 */
export const RELEASE_IF_OWNER = `
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local ok, rec = pcall(cjson.decode, v)
if not ok or type(rec) ~= 'table' or rec.state ~= 'in_progress' or rec.token ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`

/**
 * KEYS[1] bucket key; ARGV[1] capacity (tokens per minute).
 * Token bucket with Redis's own clock, so instances with skewed clocks agree.
 * Same arithmetic as `token-bucket.ts`.
 * Returns {allowed (0|1), remaining, resetMs, retryAfterMs}.
 */
export const TAKE_TOKEN = `
local capacity = tonumber(ARGV[1])
local per_ms = capacity / 60000
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local data = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = capacity
local prev, ts = tonumber(data[1]), tonumber(data[2])
if prev and ts then tokens = math.min(capacity, prev + math.max(0, now - ts) * per_ms) end
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'ts', now)
local reset_ms = math.ceil((capacity - tokens) / per_ms)
redis.call('PEXPIRE', KEYS[1], reset_ms + 1000)
local retry_ms = 0
if tokens < 1 then retry_ms = math.ceil((1 - tokens) / per_ms) end
return {allowed, math.floor(tokens), reset_ms, retry_ms}
`
