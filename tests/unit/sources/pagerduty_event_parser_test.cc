// Tests for ParsePagerDutyEvent and ToAlarm (contract §4.3): each action, each field and its
// limit, every refusal (all reported, one per line) and the Alarm mapping.

#include "sources/pagerduty_event_parser.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sources/strict_json_parser.h"

namespace alarmgate {
namespace {

constexpr std::string_view kIntegration = "zabbix";
constexpr int64_t kNow = 1795428000000;

Result<PagerDutyEvent> ParseBody(std::string body) {
  static StrictJsonParser parser;
  Result<simdjson::dom::element> root = parser.Parse(body);
  if (!root.ok()) return root.status();
  return ParsePagerDutyEvent(*root);
}

std::string Repeat(std::string_view part, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += part;
  return s;
}

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

// A trigger as Grafana / Zabbix send it: every optional field set.
constexpr std::string_view kFullTrigger = R"({
  "routing_key": "pd_Key-01",
  "event_action": "trigger",
  "dedup_key": "srv01/cpu",
  "payload": {
    "summary": "CPU load above 90% on srv01",
    "source": "srv01.example.com",
    "severity": "critical",
    "timestamp": "2015-07-17T08:42:58.315+0000",
    "component": "mysql",
    "group": "prod-datapipe",
    "class": "cpu load",
    "custom_details": {"load": [0.91, 0.95], "note": "ping \"ok\"", "nested": {"a": null}}
  },
  "client": "Zabbix",
  "client_url": "https://zabbix.example.com",
  "links": [{"href": "https://zabbix.example.com/tr/1", "text": "Trigger"}],
  "images": [{"src": "https://chart.example.com/1.png", "href": "https://x", "alt": "chart"}]
})";

TEST(PagerDutyEventParserTest, FullTrigger) {
  Result<PagerDutyEvent> event = ParseBody(std::string(kFullTrigger));
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_EQ(event->routing_key, "pd_Key-01");
  EXPECT_EQ(event->action, PagerDutyEvent::Action::kTrigger);
  EXPECT_EQ(event->dedup_key, std::optional<std::string>("srv01/cpu"));
  EXPECT_EQ(event->summary, "CPU load above 90% on srv01");
  EXPECT_EQ(event->source, "srv01.example.com");
  EXPECT_EQ(event->severity, "critical");
  EXPECT_EQ(event->timestamp_ms, std::optional<int64_t>(1437122578315));
  EXPECT_EQ(event->component, "mysql");
  EXPECT_EQ(event->group, "prod-datapipe");
  EXPECT_EQ(event->klass, "cpu load");
  EXPECT_EQ(event->custom_details_json,
            R"({"load":[0.91,0.95],"note":"ping \"ok\"","nested":{"a":null}})");
  EXPECT_EQ(event->links_json, R"([{"href":"https://zabbix.example.com/tr/1","text":"Trigger"}])");
  EXPECT_EQ(event->images_json,
            R"([{"src":"https://chart.example.com/1.png","href":"https://x","alt":"chart"}])");
  // The stored body keeps the event, with the credential redacted.
  EXPECT_EQ(event->body_json.rfind(R"({"routing_key":"pd_K…","event_action":"trigger",")", 0), 0u)
      << event->body_json;
  EXPECT_NE(event->body_json.find(R"("client":"Zabbix")"), std::string::npos);  // unknown: kept
  EXPECT_EQ(event->body_json.find('\n'), std::string::npos);

  Alarm alarm = ToAlarm(*event, kIntegration, *event->dedup_key, kNow);
  EXPECT_EQ(alarm.integration, kIntegration);
  EXPECT_EQ(alarm.alarm_id, "srv01/cpu");
  EXPECT_EQ(alarm.alarm_name, "CPU load above 90% on srv01");
  EXPECT_EQ(alarm.alarm_desc, "CPU load above 90% on srv01");
  EXPECT_EQ(alarm.level, AlarmLevel::kCritical);
  EXPECT_EQ(alarm.status, AlarmStatus::kAlarm);
  EXPECT_EQ(alarm.time_ms, 1437122578315);  // the event's timestamp, not now
  EXPECT_EQ(alarm.name_space, "prod-datapipe");
  EXPECT_EQ(alarm.application_id, "mysql");
  EXPECT_EQ(alarm.resource_id, "srv01.example.com");
  EXPECT_EQ(alarm.resource_name, "srv01.example.com");
  EXPECT_EQ(alarm.region_id, "");
  EXPECT_EQ(alarm.url, "");
  EXPECT_EQ(alarm.alarm_source, "pagerduty");
  EXPECT_EQ(alarm.additional_json,
            R"({"summary":"CPU load above 90% on srv01","class":"cpu load","component":"mysql",)"
            R"("group":"prod-datapipe",)"
            R"("custom_details":{"load":[0.91,0.95],"note":"ping \"ok\"","nested":{"a":null}},)"
            R"("links":[{"href":"https://zabbix.example.com/tr/1","text":"Trigger"}],)"
            R"("images":[{"src":"https://chart.example.com/1.png","href":"https://x",)"
            R"("alt":"chart"}]})");
  EXPECT_EQ(alarm.body_json, event->body_json);
}

TEST(PagerDutyEventParserTest, MinimalTriggerWithoutDedupKey) {
  for (std::string dedup :
       {std::string(), std::string(R"("dedup_key":null,)"), std::string(R"("dedup_key":"",)")}) {
    SCOPED_TRACE(dedup);
    Result<PagerDutyEvent> event = ParseBody(
        R"({"routing_key":"k",)" + dedup +
        R"("event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info"}})");
    ASSERT_TRUE(event.ok()) << event.status().message();
    // The caller generates the dedup_key and answers it back.
    EXPECT_FALSE(event->dedup_key.has_value());
    EXPECT_EQ(event->timestamp_ms, std::nullopt);
    EXPECT_EQ(event->custom_details_json, "{}");
    EXPECT_EQ(event->links_json, "[]");
    EXPECT_EQ(event->images_json, "[]");

    Alarm alarm = ToAlarm(*event, kIntegration, "generated-1", kNow);
    EXPECT_EQ(alarm.alarm_id, "generated-1");
    EXPECT_EQ(alarm.time_ms, kNow);
    EXPECT_EQ(alarm.name_space, "default");  // no group
    EXPECT_EQ(alarm.application_id, "h");    // no component: the source
    EXPECT_EQ(alarm.additional_json, R"({"summary":"s","class":null,"component":null,"group":null,)"
                                     R"("custom_details":{},"links":[],"images":[]})");
  }
}

TEST(PagerDutyEventParserTest, SeverityMapsToLevel) {
  const std::vector<std::pair<std::string, AlarmLevel>> cases = {
      {"critical", AlarmLevel::kCritical},
      {"error", AlarmLevel::kMajor},
      {"warning", AlarmLevel::kMinor},
      {"info", AlarmLevel::kInfo},
  };
  for (const auto& [severity, want] : cases) {
    SCOPED_TRACE(severity);
    Result<PagerDutyEvent> event = ParseBody(
        R"({"routing_key":"k","event_action":"trigger","payload":{"summary":"s","source":"h",)"
        R"("severity":")" +
        severity + "\"}}");
    ASSERT_TRUE(event.ok()) << event.status().message();
    EXPECT_EQ(ToAlarm(*event, kIntegration, "d", kNow).level, want);
  }
}

TEST(PagerDutyEventParserTest, ResolveWithoutPayload) {
  Result<PagerDutyEvent> event =
      ParseBody(R"({"routing_key":"k","event_action":"resolve","dedup_key":"srv01/cpu"})");
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_EQ(event->action, PagerDutyEvent::Action::kResolve);
  Alarm alarm = ToAlarm(*event, kIntegration, *event->dedup_key, kNow);
  EXPECT_EQ(alarm.alarm_id, "srv01/cpu");
  EXPECT_EQ(alarm.alarm_name, "srv01/cpu");
  EXPECT_EQ(alarm.alarm_desc, "srv01/cpu");
  EXPECT_EQ(alarm.level, AlarmLevel::kInfo);
  EXPECT_EQ(alarm.status, AlarmStatus::kOk);
  EXPECT_EQ(alarm.time_ms, kNow);
  EXPECT_EQ(alarm.name_space, "default");
  EXPECT_EQ(alarm.application_id, "default");
  EXPECT_EQ(alarm.resource_id, "");
}

TEST(PagerDutyEventParserTest, AcknowledgeAndResolveIgnoreAnInvalidPayload) {
  // PagerDuty reads payload, links and images on trigger only: a resolve is never refused for them.
  for (std::string action : {"acknowledge", "resolve"}) {
    SCOPED_TRACE(action);
    Result<PagerDutyEvent> event = ParseBody(
        R"({"routing_key":"k","event_action":")" + action +
        R"(","dedup_key":"d","payload":{"summary":"ok now","source":"h","severity":"fatal",)"
        R"("timestamp":"soon","component":7},"links":"x","images":[1]})");
    ASSERT_TRUE(event.ok()) << event.status().message();
    EXPECT_EQ(event->summary, "ok now");  // valid fields are taken
    EXPECT_EQ(event->source, "h");
    EXPECT_EQ(event->severity, "");  // invalid ones dropped
    EXPECT_EQ(event->timestamp_ms, std::nullopt);
    EXPECT_EQ(event->component, "");
    EXPECT_EQ(event->links_json, "[]");
    EXPECT_EQ(event->images_json, "[]");
  }
  Result<PagerDutyEvent> event =
      ParseBody(R"({"routing_key":"k","event_action":"resolve","dedup_key":"d","payload":"gone"})");
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_EQ(event->summary, "");
}

TEST(PagerDutyEventParserTest, ResolveWithPayloadKeepsItsFields) {
  Result<PagerDutyEvent> event = ParseBody(
      R"({"routing_key":"k","event_action":"resolve","dedup_key":"d","payload":{"summary":"s",)"
      R"("source":"h","severity":"warning","timestamp":"2026-11-23T10:00:00Z","group":"g"}})");
  ASSERT_TRUE(event.ok()) << event.status().message();
  Alarm alarm = ToAlarm(*event, kIntegration, "d", kNow + 5);
  EXPECT_EQ(alarm.status, AlarmStatus::kOk);
  EXPECT_EQ(alarm.level, AlarmLevel::kMinor);
  EXPECT_EQ(alarm.alarm_name, "s");
  EXPECT_EQ(alarm.time_ms, 1795428000000);
  EXPECT_EQ(alarm.name_space, "g");
}

TEST(PagerDutyEventParserTest, AcknowledgeParses) {
  Result<PagerDutyEvent> event =
      ParseBody(R"({"routing_key":"k","event_action":"acknowledge","dedup_key":"d"})");
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_EQ(event->action, PagerDutyEvent::Action::kAcknowledge);
  EXPECT_EQ(event->dedup_key, std::optional<std::string>("d"));
}

TEST(PagerDutyEventParserTest, LongSummaryIsCutInTheAlarmAndKeptInAdditional) {
  const std::string summary = Repeat("é", 1024);  // at the limit, counted in characters
  Result<PagerDutyEvent> event =
      ParseBody(R"({"routing_key":"k","event_action":"trigger","payload":{"summary":")" + summary +
                R"(","source":"h","severity":"info","component":")" + Repeat("c", 300) +
                R"(","group":")" + Repeat("g", 300) + R"("}})");
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_EQ(event->summary, summary);
  Alarm alarm = ToAlarm(*event, kIntegration, "d", kNow);
  EXPECT_EQ(alarm.alarm_name, Repeat("é", 255));
  EXPECT_EQ(alarm.alarm_desc, Repeat("é", 255));
  EXPECT_EQ(alarm.application_id, Repeat("c", 255));
  EXPECT_EQ(alarm.name_space, Repeat("g", 255));
  EXPECT_NE(alarm.additional_json.find(R"("summary":")" + summary + "\""), std::string::npos);
  EXPECT_NE(alarm.additional_json.find(R"("component":")" + Repeat("c", 300) + "\""),
            std::string::npos);
}

TEST(PagerDutyEventParserTest, CustomDetailsOfAnyTypeAreKept) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({ "a" : [1, {"b": true}] })", R"({"a":[1,{"b":true}]})"},
      {R"("free text")", R"("free text")"},
      {R"([1, 2])", R"([1,2])"},
      {"42", "42"},
      {"null", "{}"},  // null counts as absent
  };
  for (const auto& [raw, want] : cases) {
    SCOPED_TRACE(raw);
    Result<PagerDutyEvent> event = ParseBody(
        R"({"routing_key":"k","event_action":"trigger","payload":{"summary":"s","source":"h",)"
        R"("severity":"info","custom_details":)" +
        raw + "}}");
    ASSERT_TRUE(event.ok()) << event.status().message();
    EXPECT_EQ(event->custom_details_json, want);
    EXPECT_NE(ToAlarm(*event, kIntegration, "d", kNow)
                  .additional_json.find(R"("custom_details":)" + want + ","),
              std::string::npos);
  }
}

// A valid trigger as (member, raw JSON) pairs, top level and payload; tests override or drop one.
struct Member {
  std::string name;
  std::string raw;
};

std::string BuildTrigger(const std::string& field, std::optional<std::string> raw) {
  const std::vector<Member> top = {{"routing_key", R"("k")"},
                                   {"event_action", R"("trigger")"},
                                   {"dedup_key", R"("d")"},
                                   {"links", "[]"},
                                   {"images", "[]"}};
  const std::vector<Member> payload = {
      {"summary", R"("s")"},      {"source", R"("h")"},
      {"severity", R"("error")"}, {"timestamp", R"("2026-11-23T10:00:00Z")"},
      {"component", R"("c")"},    {"group", R"("g")"},
      {"class", R"("k")"}};
  auto render = [&](const std::vector<Member>& members, const std::string& prefix) {
    std::string s;
    for (const Member& m : members) {
      std::string raw_value = m.raw;
      if (prefix + m.name == field) {
        if (!raw) continue;
        raw_value = *raw;
      }
      s += (s.empty() ? "" : ",") + Quoted(m.name) + ":" + raw_value;
    }
    return s;
  };
  std::string body = "{" + render(top, "");
  if (field == "payload") {
    if (raw) body += R"(,"payload":)" + *raw;
  } else {
    body += R"(,"payload":{)" + render(payload, "payload.") + "}";
  }
  return body + "}";
}

struct LimitCase {
  std::string field;
  std::optional<std::string> raw;
  std::string error;  // "" = accepted
};

TEST(PagerDutyEventParserTest, FieldRules) {
  const std::vector<LimitCase> cases = {
      {"routing_key", std::nullopt, "routing_key must not be null"},
      {"routing_key", "null", "routing_key must not be null"},
      {"routing_key", "32", "routing_key must be a string"},
      {"routing_key", R"("")", "routing_key size must be between 1 and 255"},
      {"routing_key", Quoted(Repeat("a", 255)), ""},
      {"routing_key", Quoted(Repeat("a", 256)), "routing_key size must be between 1 and 255"},
      {"routing_key", R"("Az09_-")", ""},
      {"routing_key", R"("key with space")",
       "routing_key must contain only A-Z, a-z, 0-9, _ and -"},
      {"routing_key", R"("k/ey")", "routing_key must contain only A-Z, a-z, 0-9, _ and -"},
      {"event_action", std::nullopt, "event_action must not be null"},
      {"event_action", R"("Trigger")", "event_action must be one of trigger, acknowledge, resolve"},
      {"event_action", R"("escalate")",
       "event_action must be one of trigger, acknowledge, resolve"},
      {"event_action", "1", "event_action must be a string"},
      {"dedup_key", Quoted(Repeat("d", 255)), ""},
      {"dedup_key", Quoted(Repeat("ü", 255)), ""},
      {"dedup_key", Quoted(Repeat("d", 256)), "dedup_key size must be between 0 and 255"},
      {"dedup_key", "5", "dedup_key must be a string"},
      {"payload", std::nullopt, "payload must not be null"},
      {"payload", "null", "payload must not be null"},
      {"payload", "[]", "payload must be an object"},
      {"payload", "{}",
       "payload.summary must not be null\npayload.source must not be null\n"
       "payload.severity must not be null"},
      {"payload.summary", std::nullopt, "payload.summary must not be null"},
      {"payload.summary", R"("")", "payload.summary size must be between 1 and 1024"},
      {"payload.summary", Quoted(Repeat("s", 1024)), ""},
      {"payload.summary", Quoted(Repeat("s", 1025)),
       "payload.summary size must be between 1 and 1024"},
      {"payload.summary", "{}", "payload.summary must be a string"},
      {"payload.source", std::nullopt, "payload.source must not be null"},
      {"payload.source", R"("")", "payload.source size must be between 1 and 255"},
      {"payload.source", Quoted(Repeat("h", 255)), ""},
      {"payload.source", Quoted(Repeat("h", 256)), "payload.source size must be between 1 and 255"},
      {"payload.severity", std::nullopt, "payload.severity must not be null"},
      {"payload.severity", R"("Critical")",
       "payload.severity must be one of critical, error, warning, info"},
      {"payload.severity", R"("major")",
       "payload.severity must be one of critical, error, warning, info"},
      {"payload.severity", R"("")",
       "payload.severity must be one of critical, error, warning, info"},
      {"payload.timestamp", std::nullopt, ""},
      {"payload.timestamp", R"("2026-11-23T18:00:00.5+08:00")", ""},
      {"payload.timestamp", R"("17 Jul 2015")",
       "payload.timestamp must be an ISO 8601 time, e.g. 2015-07-17T08:42:58.315+0000"},
      {"payload.timestamp", "1437122578", "payload.timestamp must be a string"},
      {"payload.timestamp", R"("1969-12-31T23:59:59Z")",
       "payload.timestamp must be after 1970-01-01T00:00:00Z"},
      {"payload.component", "[]", "payload.component must be a string"},
      {"payload.group", "1", "payload.group must be a string"},
      {"payload.class", "true", "payload.class must be a string"},
      {"payload.component", Quoted(Repeat("c", 2000)), ""},  // no limit in PagerDuty
      {"links", R"([{"href":"h"},{"href":"i","text":"t"}])", ""},
      {"links", R"({"href":"h"})", "links must be an array"},
      {"links", R"(["h"])", "links[0] must be an object"},
      {"links", R"([{"href":"h"},{"text":"t"}])", "links[1].href must not be null"},
      {"links", R"([{"href":3}])", "links[0].href must be a string"},
      {"images", R"([{"src":"s"}])", ""},
      {"images", R"("s")", "images must be an array"},
      {"images", R"([{"href":"h"}])", "images[0].src must not be null"},
  };
  for (const LimitCase& c : cases) {
    const std::string body = BuildTrigger(c.field, c.raw);
    SCOPED_TRACE(c.field + " = " + c.raw.value_or("(absent)") + ": " + body.substr(0, 300));
    Result<PagerDutyEvent> event = ParseBody(body);
    if (c.error.empty()) {
      EXPECT_TRUE(event.ok()) << event.status().message();
    } else {
      ASSERT_FALSE(event.ok());
      EXPECT_EQ(event.status().code(), StatusCode::kInvalidArgument);
      EXPECT_EQ(event.status().message(), c.error);
    }
  }
}

TEST(PagerDutyEventParserTest, AcknowledgeAndResolveNeedDedupKey) {
  for (std::string action : {"acknowledge", "resolve"}) {
    for (std::string dedup :
         {std::string(), std::string(R"(,"dedup_key":"")"), std::string(R"(,"dedup_key":null)")}) {
      SCOPED_TRACE(action + dedup);
      Result<PagerDutyEvent> event =
          ParseBody(R"({"routing_key":"k","event_action":")" + action + "\"" + dedup + "}");
      ASSERT_FALSE(event.ok());
      EXPECT_EQ(event.status().message(), "dedup_key must not be null for acknowledge and resolve");
    }
  }
}

TEST(PagerDutyEventParserTest, EveryProblemOnItsOwnLine) {
  Result<PagerDutyEvent> event =
      ParseBody(R"({"routing_key":"","event_action":"trigger","dedup_key":7,)"
                R"("payload":{"source":"h","severity":"fatal"},"links":[{}]})");
  ASSERT_FALSE(event.ok());
  EXPECT_EQ(event.status().message(),
            "routing_key size must be between 1 and 255\n"
            "dedup_key must be a string\n"
            "payload.summary must not be null\n"
            "payload.severity must be one of critical, error, warning, info\n"
            "links[0].href must not be null");
}

TEST(PagerDutyEventParserTest, UnknownActionSkipsActionRules) {
  // With the action unknown, only what applies to every action is checked.
  Result<PagerDutyEvent> event = ParseBody(R"({"routing_key":"k","event_action":"snooze"})");
  ASSERT_FALSE(event.ok());
  EXPECT_EQ(event.status().message(), "event_action must be one of trigger, acknowledge, resolve");
}

TEST(PagerDutyEventParserTest, NotAnObject) {
  for (std::string body : {"[]", R"("trigger")", "1", "null"}) {
    SCOPED_TRACE(body);
    Result<PagerDutyEvent> event = ParseBody(body);
    ASSERT_FALSE(event.ok());
    EXPECT_EQ(event.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(event.status().message(), "event must be a JSON object");
  }
}

}  // namespace
}  // namespace alarmgate

namespace alarmgate {
namespace {

TEST(PagerDutyEventParserBodyTest, TheStoredBodyNeverCarriesTheRoutingKeyInFull) {
  std::string body =
      R"({"routing_key":"secret-routing-key","event_action":"trigger","dedup_key":"d",)"
      R"("payload":{"summary":"s","source":"h","severity":"info"}})";
  StrictJsonParser parser;
  auto root = parser.Parse(body);
  ASSERT_TRUE(root.ok());
  auto event = ParsePagerDutyEvent(*root);
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_EQ(event->routing_key, "secret-routing-key");
  EXPECT_EQ(event->body_json.find("secret-routing-key"), std::string::npos) << event->body_json;
  EXPECT_NE(event->body_json.find(R"("routing_key":"secr…")"), std::string::npos) << event->body_json;
  EXPECT_NE(event->body_json.find(R"("summary":"s")"), std::string::npos);
}

}  // namespace
}  // namespace alarmgate
