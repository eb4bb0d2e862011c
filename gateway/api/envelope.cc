#include "gateway/api/envelope.h"

#include "core/json_writer.h"

namespace alarmgate {

HttpResponse CocEnvelope(int http_status, std::string_view code, std::string_view msg,
                         std::string_view data_json) {
  JsonWriter w;
  w.Reserve(64 + code.size() + msg.size() + data_json.size());
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

namespace {

struct ErrorShape {
  int http_status;
  std::string code;  // "<family>.<8 digits>", or the common 401 code
};

// One mapping from StatusCode to HTTP status and error code, shared by every family.
ErrorShape ShapeOf(const Status& status, std::string_view family) {
  auto code = [family](std::string_view digits) { return std::string(family) + "." + std::string(digits); };
  switch (status.code()) {
    case StatusCode::kInvalidArgument: return {400, code("00000001")};
    case StatusCode::kUnauthenticated: return {401, std::string(kTokenInvalidCode)};
    case StatusCode::kNotFound: return {404, code("00000404")};
    case StatusCode::kAlreadyExists:
    case StatusCode::kConflict: return {409, code("00000409")};
    case StatusCode::kResourceExhausted: return {429, code("00000429")};
    case StatusCode::kUnavailable: return {503, code("00000503")};
    case StatusCode::kOk:
    case StatusCode::kInternal: break;
  }
  return {500, code("00000500")};
}

std::string_view MessageOf(const Status& status) {
  return status.code() == StatusCode::kUnauthenticated ? kTokenInvalidMsg
                                                       : std::string_view(status.message());
}

}  // namespace

HttpResponse CocError(const Status& status) {
  ErrorShape shape = ShapeOf(status, "COC");
  return CocEnvelope(shape.http_status, shape.code, MessageOf(status));
}

HttpResponse GomSuccess(std::string_view data_json) {
  JsonWriter w;
  w.BeginObject()
      .Key("provider_code").String("049")
      .Key("error_code").String("GOM.00000000")
      .Key("error_msg").Null()
      .Key("data").Raw(data_json)
      .EndObject();
  HttpResponse r;
  r.body = w.Take();
  return r;
}

HttpResponse GomError(const Status& status) {
  ErrorShape shape = ShapeOf(status, "GOM");
  JsonWriter w;
  w.BeginObject()
      .Key("provider_code").String("049")
      .Key("error_code").String(shape.code)
      .Key("error_msg").String(MessageOf(status))
      .Key("data").Null()
      .EndObject();
  HttpResponse r;
  r.status = shape.http_status;
  r.body = w.Take();
  return r;
}

}  // namespace alarmgate

namespace alarmgate {

HttpResponse DataSuccess(std::string_view data_json) {
  JsonWriter w;
  w.BeginObject().Key("data").Raw(data_json).EndObject();
  HttpResponse r;
  r.body = w.Take();
  return r;
}

HttpResponse DataError(const Status& status) {
  ErrorShape shape = ShapeOf(status, "COC");
  return JsonError(shape.http_status, shape.code, MessageOf(status));
}

}  // namespace alarmgate
