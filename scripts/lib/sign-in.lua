-- wrk script: every request is a sign-in with a wrong password, each for a
-- different address, through the real server function. Prints how the
-- answers split: wrong password (a hash was computed) or throttled.
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  wrong = 0
  throttled = 0
  other = 0
end

function request()
  counter = counter + 1
  local body = "email=angreifer-" .. thread_id .. "-" .. counter .. "%40example.org&password=falsch-geraten"
  return wrk.format("POST", "/api/auth/sign_in",
    { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

function response(status, headers, body)
  if status == 422 then
    wrong = wrong + 1
  elseif status == 429 then
    throttled = throttled + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local w, t, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    w = w + thread:get("wrong")
    t = t + thread:get("throttled")
    o = o + thread:get("other")
  end
  io.write("SIGN_INS_WRONG " .. w .. "\nSIGN_INS_THROTTLED " .. t .. "\nSIGN_INS_OTHER " .. o .. "\n")
end
