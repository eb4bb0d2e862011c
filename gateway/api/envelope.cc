#include "gateway/api/envelope.h"

#include "core/json_writer.h"

namespace alarmgate {

HttpResponse CocEnvelope(int http_status, std::string_view code, std::string_view msg,
                         std::string_view data_json) {
  JsonWriter w;
  w.BeginObject()
      .Key("error_code").String(code)
      .Key("error_msg").String(msg)
      .Key("data").Raw(data_json)
      .Key("provider_code").String("049")
      .EndObject();
  HttpResponse r;
  r.status = http_status;
  r.body = w.Take();
  return r;
}

HttpResponse CocError(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      return CocEnvelope(400, kCocBadRequest, status.message());
    case StatusCode::kUnauthenticated:
      return CocEnvelope(401, kTokenInvalidCode, kTokenInvalidMsg);
    case StatusCode::kNotFound:
      return CocEnvelope(404, "COC.00000404", status.message());
    case StatusCode::kAlreadyExists:
    case StatusCode::kConflict:
      return CocEnvelope(409, "COC.00000409", status.message());
    case StatusCode::kResourceExhausted:
      return CocEnvelope(429, "COC.00000429", status.message());
    case StatusCode::kUnavailable:
      return CocEnvelope(503, "COC.00000503", status.message());
    case StatusCode::kOk:
    case StatusCode::kInternal:
      break;
  }
  return CocEnvelope(500, "COC.00000500", status.message());
}

}  // namespace alarmgate
