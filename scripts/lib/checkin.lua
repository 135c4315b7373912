-- wrk script: every request is one scan at the door through the JSON API,
-- with the token given as the first argument and the tickets (one text per
-- line) in the file given as the second. Each thread takes its own share of
-- tickets and gives every scan a fresh nonce, as a hardware scanner does.
-- At the end it prints how many scans were admitted and how many answered
-- otherwise, for the check against the database.
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  token = args[1]
  tickets = {}
  local count = tonumber(args[3])
  local index = 0
  for line in io.lines(args[2]) do
    if index % count == thread_id then
      table.insert(tickets, line)
    end
    index = index + 1
  end
  counter = 0
  admitted = 0
  other = 0
end

function request()
  counter = counter + 1
  local code = tickets[((counter - 1) % #tickets) + 1]
  local body = '{"code":"' .. code .. '","gate":"Bench","device":"wrk-' .. thread_id
    .. '","nonce":"bench-' .. thread_id .. '-' .. counter .. '"}'
  return wrk.format("POST", "/api/v1/checkins",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end

function response(status, headers, body)
  if status == 200 and string.find(body, '"result":"admitted"', 1, true) then
    admitted = admitted + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local a, o = 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("admitted")
    o = o + thread:get("other")
  end
  io.write("SCANS_ADMITTED " .. a .. "\n")
  io.write("SCANS_OTHER " .. o .. "\n")
end
