#pragma once
// The response envelopes of contract §3: the alarm/incident family carries provider_code,
// error_code, error_msg and data; management errors share the common 401.

#include <string>
#include <string_view>

#include "core/status.h"
#include "gateway/http/http_types.h"

namespace alarmgate {

inline constexpr std::string_view kCocSuccess = "COC.00000000";
inline constexpr std::string_view kCocBadRequest = "COC.00000001";
inline constexpr std::string_view kTokenInvalidCode = "common.01010001";
inline constexpr std::string_view kTokenInvalidMsg = "Token missing or invalid.";

// {"error_code":code,"error_msg":msg,"data":<data_json>,"provider_code":"049"}
HttpResponse CocEnvelope(int http_status, std::string_view code, std::string_view msg,
                         std::string_view data_json = "null");

// A failed Status in the COC envelope, with the HTTP status and error code its StatusCode means.
HttpResponse CocError(const Status& status);

// The incident family (seed 003 §4.4.1): {"provider_code":"049","error_code":"GOM.00000000",
// "error_msg":null,"data":<data_json>} on success; GOM.000004xx/5xx codes on failure.
HttpResponse GomSuccess(std::string_view data_json);
HttpResponse GomError(const Status& status);

// The script/order/resource family, also used for silences and rule tests: {"data":…} on
// success; {"error_code":"COC.000004xx","error_msg":"…"} on failure.
HttpResponse DataSuccess(std::string_view data_json);
HttpResponse DataError(const Status& status);

}  // namespace alarmgate
