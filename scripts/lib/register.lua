-- wrk script: every request registers a new jobseeker (a unique address per
-- thread and request) for the slot given as the first argument, through the
-- same server function the registration form uses. At the end it prints how
-- many requests were answered with a ticket, for the "none lost" check.
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  slot = args[1]
  counter = 0
  tickets = 0
end

function request()
  counter = counter + 1
  local body = "slug=flughafen-frankfurt&form%5Bname%5D=Bench+Person"
    .. "&form%5Bemail%5D=bench-" .. thread_id .. "-" .. counter .. "%40example.org"
    .. "&form%5Blanguage%5D=de&form%5Bslot_id%5D=" .. slot .. "&form%5Bconsent%5D=yes"
  return wrk.format("POST", "/api/registration/register",
    { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

function response(status, headers, body)
  if status == 200 and string.find(body, '"Ticket"', 1, true) then
    tickets = tickets + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("tickets")
  end
  io.write(string.format("TICKETS_ANSWERED %d\n", total))
end
