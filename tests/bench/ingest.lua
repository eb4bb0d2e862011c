-- wrk script for the ingestion benchmark: POSTs the seed 003 example alarm with an alarmId unique
-- per thread and request, so every request is a new alarm (a transition, a storage write).
-- The path comes from the URL given to wrk; the same script drives the bare POST /-/healthy baseline.

wrk.headers["Content-Type"] = "application/json"

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
end

function init(args)
  counter = 0
  -- a per-run nonce keeps ids distinct across runs against the same data dir
  nonce = tostring(os.time())
end

local template = '{"alarmId":"bench-%s-%d-%d","alarmName":"Cpu usage over quota",' ..
  '"alarmLevel":"Critical","time":%d,"nameSpace":"shanghai","regionId":"cn-north-4",' ..
  '"applicationId":"18cfa0a5ef8d","resourceName":"machine-1","resourceId":"18cxxxxxxxxxxxxff68625",' ..
  '"alarmDesc":"string","URL":"https://xxx.com","alarmStatus":"alarm","alarmSource":"coc",' ..
  '"additional":{}}'

function request()
  counter = counter + 1
  local body = string.format(template, nonce, tid, counter, 1709118444540 + counter)
  return wrk.format("POST", nil, nil, body)
end
