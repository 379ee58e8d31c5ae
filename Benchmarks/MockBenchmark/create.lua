-- wrk script: valid creates, each with a new address (per-thread counter), so every request
-- passes the one-active-invitation rule and is answered 200.
-- `thread_id` is a global that setup() gives each thread.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  token = args[1] or "bench-token"
end

request = function()
  counter = counter + 1
  local body = string.format('{"partnerEmailId":"partner-%d-%d@example.com","expirationDays":10}', thread_id, counter)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
