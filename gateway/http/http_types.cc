// HttpRequest::QueryParam and the edge's JSON error body.
#include "gateway/http/http_types.h"

#include "core/json_writer.h"
#include "gateway/http/url_decode.h"

namespace alarmgate {

std::optional<std::string> HttpRequest::QueryParam(std::string_view name) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string_view raw_key = pair.substr(0, eq);
    std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (PercentDecode(raw_key, /*plus_as_space=*/true) == name) {
      return PercentDecode(raw_value, /*plus_as_space=*/true);
    }
  }
  return std::nullopt;
}

HttpResponse JsonError(int status, std::string_view error_code, std::string_view error_msg) {
  HttpResponse res;
  res.status = status;
  JsonWriter w;
  w.BeginObject()
      .Key("error_code")
      .String(error_code)
      .Key("error_msg")
      .String(error_msg)
      .EndObject();
  res.body = w.Take();
  return res;
}

}  // namespace alarmgate
