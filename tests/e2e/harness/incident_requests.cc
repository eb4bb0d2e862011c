// Incident request bodies and calls for e2e tests; string fields are escaped so any value is safe.

#include "tests/e2e/harness/incident_requests.h"

#include <cctype>
#include <cstdio>

#include "tests/e2e/harness/json_doc.h"
#include "tests/fixtures/seed_incident_examples.h"
#include "tests/e2e/harness/test_config.h"

namespace alarmgate::e2e {

// The request examples live in tests/fixtures/seed_incident_examples.h; their literals are
// NUL-terminated, so .data() is a C string.
const char* const kSeedCreateIncidentBody = seed_examples::kCreateIncidentRequest.data();
const char* const kSeedAcceptIncidentBody = seed_examples::kAcceptIncidentRequest.data();
const char* const kSeedCommitSolutionBody = seed_examples::kCommitSolutionRequest.data();
const char* const kSeedConfirmBody = seed_examples::kConfirmRequest.data();

const char* const kSeedCreateIncidentResponse = R"({
  "provider_code": "049",
  "error_code": "GOM.00000000",
  "error_msg": null,
  "data": {
    "incident_num": "IM202403221515060171753781"
  }
})";

const char* const kSeedHandleIncidentResponse = R"({
  "provider_code": "049",
  "error_code": "GOM.00000000",
  "error_msg": null,
  "data": null
})";

// Seed 003 §4.4.1.5: the response envelope around the example's `data`.
std::string SeedIncidentDetailResponse() {
  return R"({"provider_code":"049","error_code":"GOM.00000000","error_msg":null,"data":)" +
         std::string(seed_examples::kIncidentDetailData) + "}";
}

namespace {

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

// Appends `"name":value` when `value` is set; `wrap` renders the value.
template <typename Wrap>
void Member(std::string& out, const char* name, const std::optional<std::string>& value,
            Wrap wrap) {
  if (!value) return;
  out += out.size() > 1 ? "," : "";
  out += Quote(name) + ":" + wrap(*value);
}

std::string HandleBody(std::string_view incident_num, std::string_view op,
                       std::string_view operate_key, const std::string& parameter) {
  return "{\"incident_num\":" + Quote(incident_num) + ",\"operator\":" + Quote(op) +
         ",\"operate_key\":" + Quote(operate_key) + ",\"parameter\":" + parameter + "}";
}

}  // namespace

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  for (size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

bool LooksLikeIncidentNum(std::string_view text) {
  if (text.size() != 26 || text.substr(0, 2) != "IM") return false;
  for (char c : text.substr(2)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string IncidentSpec::ToJson() const {
  auto string = [](const std::string& v) { return Quote(v); };
  auto list = [](const std::string& v) { return "[" + Quote(v) + "]"; };
  auto raw = [](const std::string& v) { return v; };
  std::string out = "{";
  Member(out, "region", region, list);
  Member(out, "current_cloud_service", current_cloud_service, list);
  Member(out, "incident_level", level, string);
  Member(out, "is_service_interrupt", is_service_interrupt, raw);
  Member(out, "incident_type", type, string);
  Member(out, "incident_title", title, string);
  Member(out, "incident_description", description, string);
  Member(out, "incident_source", source, string);
  Member(out, "incident_assignee", assignee, list);
  Member(out, "assignee_scene", assignee_scene, string);
  Member(out, "assignee_role", assignee_role, string);
  Member(out, "creator", creator, string);
  return out + "}";
}

std::string AcceptBody(std::string_view incident_num, std::string_view op) {
  return HandleBody(incident_num, op, "acceptedIncident1", "{}");
}

std::string CommitSolutionBody(std::string_view incident_num, std::string_view op,
                               std::string_view mtm_type, std::string_view cause,
                               std::string_view solution) {
  return HandleBody(incident_num, op, "commitSolution1",
                    "{\"mtm_type\":" + Quote(mtm_type) +
                        ",\"is_service_interrupt\":false,\"cause\":" + Quote(cause) +
                        ",\"solution\":" + Quote(solution) + "}");
}

std::string ConfirmBody(std::string_view incident_num, bool result, std::string_view op,
                        std::string_view comment) {
  return HandleBody(incident_num, op, "confirm",
                    std::string("{\"virtual_confirm_result\":") + (result ? "true" : "false") +
                        ",\"virtual_confirm_comment\":" + Quote(comment) + "}");
}

std::string CreateIncident(HttpClient& client, const IncidentSpec& spec, HttpResult* out) {
  HttpResult r = client.Post(kIncidentCreatePath, spec.ToJson(), OpsAuth());
  std::string num;
  if (r.status == 200) num = JsonDoc(r.body).String("/data/incident_num").value_or("");
  if (out) *out = std::move(r);
  return num;
}

HttpResult HandleIncident(HttpClient& client, const std::string& body) {
  return client.Post(kIncidentHandlePath, body, OpsAuth());
}

HttpResult GetIncident(HttpClient& client, std::string_view incident_num) {
  return client.Get("/v1/external/incident/" + std::string(incident_num), OpsAuth());
}

std::string IncidentStatusOf(HttpClient& client, std::string_view incident_num) {
  HttpResult r = GetIncident(client, incident_num);
  if (r.status != 200) return "";
  return JsonDoc(r.body).String("/data/status").value_or("");
}

}  // namespace alarmgate::e2e
