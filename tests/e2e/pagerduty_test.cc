// PagerDuty Events API v2 through the real binary (contract §4.3): trigger, dedup_key generation,
// acknowledge of the linked incident, resolve, PagerDuty's answers for invalid events, the 512 KiB
// body limit of the endpoint and its 429; no refused request stores anything.

#include <regex>
#include <string>
#include <vector>

#include "tests/e2e/e2e_test_base.h"
#include "tests/e2e/harness/alertmanager_process.h"
#include "tests/e2e/harness/incident_requests.h"
#include "tests/e2e/harness/pagerduty_event.h"
#include "tests/e2e/harness/rule_requests.h"

namespace alarmgate::e2e {
namespace {

using std::chrono::milliseconds;

constexpr const char* kPdKey = "test-pd-key";
constexpr const char* kPdName = "pd-monitor";
constexpr const char* kPdLimitedKey = "limited-pd-key";
constexpr const char* kPdLimitedName = "pd-limited";

// One incident per alarm of pd-monitor; its title shows how the event was mapped.
constexpr const char* kRules = R"(rules:
  - name: pd-incident
    match: {integration: pd-monitor}
    incident:
      assignee: oncall-1
      title: "${alarmName}|${alarmLevel}|${nameSpace}|${applicationId}|${resourceId}|${alarmSource}"
    resolve: any_ok
)";

class PagerDutyTest : public E2eTest {
 protected:
  void SetUp() override {
    TestConfig config;
    config.integrations.push_back({.key = kPdKey, .name = kPdName, .format = "pagerduty"});
    config.integrations.push_back({.key = kPdLimitedKey,
                                   .name = kPdLimitedName,
                                   .format = "pagerduty",
                                   .rate_limit_per_s = 1});
    config.rules_yaml = kRules;
    StartServer(config);
  }

  static PdEvent Trigger(const std::optional<std::string>& dedup_key) {
    PdEvent e;
    e.routing_key = kPdKey;
    e.dedup_key = dedup_key;
    // In the past, so that a resolve stamped "now" by the server is newer.
    e.timestamp = AmTimestamp(NowMs() - 60000);
    return e;
  }
  HttpResult Send(const PdEvent& e) { return client_->Post(kPagerDutyPath, e.ToJson()); }

  // A 202 exactly as PagerDuty answers it; the dedup_key it names ("" when not such an answer).
  std::string ExpectAccepted(const HttpResult& r, const std::string& request) {
    EXPECT_EQ(r.status, 202) << request << " -> " << r.body;
    JsonDoc doc(r.body);
    EXPECT_TRUE(doc.ok()) << r.body;
    EXPECT_EQ(doc.Keys(""), (std::vector<std::string>{"status", "message", "dedup_key"})) << r.body;
    EXPECT_EQ(doc.String("/status"), "success") << r.body;
    EXPECT_EQ(doc.String("/message"), "Event processed") << r.body;
    return doc.String("/dedup_key").value_or("");
  }

  JsonDoc AlarmOf(const std::string& dedup_key) {
    HttpResult r = GetAlarm(Fingerprint(kPdName, dedup_key));
    EXPECT_EQ(r.status, 200) << "alarm " << dedup_key << ": " << r.body;
    return JsonDoc(r.body);
  }
  size_t StoredAlarms(const std::string& integration) {
    HttpResult r = client_->Get("/v1/alarms?integration=" + integration, OpsAuth());
    EXPECT_EQ(r.status, 200) << r.body;
    return JsonDoc(r.body).ArraySize("/data/alarms").value_or(999);
  }
};

TEST_F(PagerDutyTest, TriggerWithDedupKeyAnswers202AndOpensAnIncident) {
  PdEvent e = Trigger("pd-disk-db-1");
  e.group = "prod-db";
  e.component = "postgres";
  const std::string body = e.ToJson();
  HttpResult r = client_->Post(kPagerDutyPath, body);
  EXPECT_EQ(ExpectAccepted(r, body), "pd-disk-db-1");
  EXPECT_EQ(r.Header("content-type"), "application/json;charset=utf-8");

  JsonDoc alarm = AlarmOf("pd-disk-db-1");
  EXPECT_EQ(alarm.String("/data/status"), "alarm");
  EXPECT_EQ(alarm.String("/data/level"), "Critical");
  EXPECT_EQ(alarm.String("/data/alarm_id"), "pd-disk-db-1");
  EXPECT_EQ(alarm.Int("/data/count"), 1);
  auto num = alarm.String("/data/incident_num");
  ASSERT_TRUE(num && LooksLikeIncidentNum(*num)) << alarm.Minified("/data").value_or("");

  HttpResult detail = GetIncident(*client_, *num);
  ASSERT_EQ(detail.status, 200) << detail.body;
  JsonDoc d(detail.body);
  EXPECT_EQ(d.String("/data/status"), kTriggered) << detail.body;
  EXPECT_EQ(d.String("/data/incident_source"), "incident_source_alarm") << detail.body;
  // alarmName = summary, level, nameSpace = group, applicationId = component, resourceId = source.
  EXPECT_EQ(d.String("/data/incident_title"),
            "Disk /var full on db-1|Critical|prod-db|postgres|db-1.example.com|pagerduty")
      << detail.body;
}

// PagerDuty's severities map onto the four COC levels.
TEST_F(PagerDutyTest, SeverityMapsToAlarmLevel) {
  const std::vector<std::pair<std::string, std::string>> table = {
      {"critical", "Critical"}, {"error", "Major"}, {"warning", "Minor"}, {"info", "Info"}};
  for (const auto& [severity, level] : table) {
    PdEvent e = Trigger("sev-" + severity);
    e.severity = severity;
    ExpectAccepted(Send(e), e.ToJson());
    EXPECT_EQ(AlarmOf("sev-" + severity).String("/data/level"), level) << severity;
  }
}

TEST_F(PagerDutyTest, TriggerWithoutDedupKeyGetsAGeneratedOneThatDeduplicates) {
  PdEvent first = Trigger(std::nullopt);
  const std::string key = ExpectAccepted(Send(first), first.ToJson());
  EXPECT_TRUE(std::regex_match(key, std::regex("[0-9a-f]{32}"))) << key;
  EXPECT_EQ(AlarmOf(key).Int("/data/count"), 1);

  // The monitor sends the generated key with its next trigger: the same alarm, a duplicate.
  PdEvent again = Trigger(key);
  again.timestamp = AmTimestamp(NowMs() - 30000);
  EXPECT_EQ(ExpectAccepted(Send(again), again.ToJson()), key);
  JsonDoc alarm = AlarmOf(key);
  EXPECT_EQ(alarm.Int("/data/count"), 2);
  EXPECT_EQ(alarm.String("/data/status"), "alarm");
  EXPECT_EQ(StoredAlarms(kPdName), 1u);
  EXPECT_EQ(ListIncidentNums(*client_).size(), 1u);

  // Each trigger without a key is a new alarm with a key of its own.
  const std::string other = ExpectAccepted(Send(first), first.ToJson());
  EXPECT_NE(other, key);
  EXPECT_EQ(StoredAlarms(kPdName), 2u);
}

TEST_F(PagerDutyTest, DedupKeyOf255CharactersIsAccepted) {
  const std::string key(255, 'k');
  PdEvent e = Trigger(key);
  EXPECT_EQ(ExpectAccepted(Send(e), e.ToJson()), key);
  EXPECT_EQ(AlarmOf(key).String("/data/status"), "alarm");
}

TEST_F(PagerDutyTest, AcknowledgeAcknowledgesTheLinkedIncident) {
  PdEvent e = Trigger("pd-ack-1");
  ExpectAccepted(Send(e), e.ToJson());
  auto num = AlarmOf("pd-ack-1").String("/data/incident_num");
  ASSERT_TRUE(num.has_value());
  ASSERT_EQ(IncidentStatusOf(*client_, *num), kTriggered);

  PdEvent ack = PdFollowUp(kPdKey, "acknowledge", "pd-ack-1");
  EXPECT_EQ(ExpectAccepted(Send(ack), ack.ToJson()), "pd-ack-1");
  EXPECT_EQ(IncidentStatusOf(*client_, *num), kAcknowledged);
  // The alarm itself is still firing: acknowledge is not a transition.
  JsonDoc alarm = AlarmOf("pd-ack-1");
  EXPECT_EQ(alarm.String("/data/status"), "alarm");
  EXPECT_EQ(alarm.Int("/data/count"), 1);

  // Acknowledging again is still "processed".
  EXPECT_EQ(ExpectAccepted(Send(ack), ack.ToJson()), "pd-ack-1");
  EXPECT_EQ(IncidentStatusOf(*client_, *num), kAcknowledged);

  // Then resolve: the acknowledged incident auto-resolves.
  PdEvent resolve = PdFollowUp(kPdKey, "resolve", "pd-ack-1");
  ExpectAccepted(Send(resolve), resolve.ToJson());
  EXPECT_EQ(AlarmOf("pd-ack-1").String("/data/status"), "ok");
  EXPECT_EQ(IncidentStatusOf(*client_, *num), kResolved);
}

TEST_F(PagerDutyTest, AcknowledgeOfAnUnknownDedupKeyIsAcceptedAndStoresNothing) {
  PdEvent ack = PdFollowUp(kPdKey, "acknowledge", "never-triggered");
  EXPECT_EQ(ExpectAccepted(Send(ack), ack.ToJson()), "never-triggered");
  EXPECT_EQ(GetAlarm(Fingerprint(kPdName, "never-triggered")).status, 404);
  EXPECT_TRUE(ListIncidentNums(*client_).empty());
}

TEST_F(PagerDutyTest, ResolveTurnsTheAlarmOkAndResolvesItsIncident) {
  PdEvent e = Trigger("pd-resolve-1");
  ExpectAccepted(Send(e), e.ToJson());
  auto num = AlarmOf("pd-resolve-1").String("/data/incident_num");
  ASSERT_TRUE(num.has_value());

  PdEvent resolve = PdFollowUp(kPdKey, "resolve", "pd-resolve-1");
  EXPECT_EQ(ExpectAccepted(Send(resolve), resolve.ToJson()), "pd-resolve-1");
  JsonDoc alarm = AlarmOf("pd-resolve-1");
  EXPECT_EQ(alarm.String("/data/status"), "ok");
  EXPECT_EQ(alarm.Int("/data/count"), 2);
  EXPECT_EQ(IncidentStatusOf(*client_, *num), kResolved);
}

struct InvalidCase {
  const char* name;
  std::string body;
  // Each expected error entry contains one of these (in order); the count is exact.
  std::vector<std::string> errors;
};

std::vector<InvalidCase> InvalidCases() {
  auto with = [](auto change) {
    PdEvent e;
    e.routing_key = kPdKey;
    e.dedup_key = "refused-1";
    change(e);
    return e.ToJson();
  };
  return {
      {"MissingRoutingKey", with([](PdEvent& e) { e.routing_key.reset(); }), {"routing_key"}},
      {"BadEventAction", with([](PdEvent& e) { e.event_action = "page"; }), {"event_action"}},
      {"MissingEventAction", with([](PdEvent& e) { e.event_action.reset(); }), {"event_action"}},
      {"TriggerWithoutPayload", with([](PdEvent& e) { e.with_payload = false; }), {"payload"}},
      {"TriggerWithoutSummarySourceSeverity",
       with([](PdEvent& e) {
         e.summary.reset();
         e.source.reset();
         e.severity.reset();
       }),
       {"payload.summary", "payload.source", "payload.severity"}},
      {"BadSeverity", with([](PdEvent& e) { e.severity = "fatal"; }), {"payload.severity"}},
      {"SummaryOver1024",
       with([](PdEvent& e) { e.summary = std::string(1025, 's'); }),
       {"payload.summary"}},
      {"DedupKeyOver255",
       with([](PdEvent& e) { e.dedup_key = std::string(256, 'k'); }),
       {"dedup_key"}},
      {"AcknowledgeWithoutDedupKey",
       with([](PdEvent& e) {
         e = PdFollowUp(kPdKey, "acknowledge", "");
         e.dedup_key.reset();
       }),
       {"dedup_key"}},
      {"ResolveWithoutDedupKey",
       with([](PdEvent& e) {
         e = PdFollowUp(kPdKey, "resolve", "");
         e.dedup_key.reset();
       }),
       {"dedup_key"}},
      {"BadRoutingKeyAndAction",
       with([](PdEvent& e) {
         e.routing_key.reset();
         e.event_action = "page";
       }),
       {"routing_key", "event_action"}},
      {"NotJson", "routing_key=test-pd-key&event_action=trigger", {""}},
      {"NotAnObject", "[" + with([](PdEvent&) {}) + "]", {""}},
      {"UnknownRoutingKey",
       with([](PdEvent& e) { e.routing_key = "no-such-key"; }),
       {"routing_key"}},
      {"CocRoutingKey", with([](PdEvent& e) { e.routing_key = kCocKey; }), {"routing_key"}},
      {"AlertmanagerRoutingKey",
       with([](PdEvent& e) { e.routing_key = kAlertmanagerKey; }),
       {"routing_key"}},
  };
}

TEST_F(PagerDutyTest, InvalidEventsAnswer400InvalidEventAndStoreNothing) {
  for (const InvalidCase& c : InvalidCases()) {
    SCOPED_TRACE(c.name);
    HttpResult r = client_->Post(kPagerDutyPath, c.body);
    EXPECT_EQ(r.status, 400) << c.body << " -> " << r.body;
    JsonDoc doc(r.body);
    ASSERT_TRUE(doc.ok()) << r.body;
    EXPECT_EQ(doc.Keys(""), (std::vector<std::string>{"status", "message", "errors"})) << r.body;
    EXPECT_EQ(doc.String("/status"), "invalid event") << r.body;
    EXPECT_EQ(doc.String("/message"), "Event object is invalid") << r.body;
    ASSERT_EQ(doc.ArraySize("/errors"), c.errors.size()) << r.body;
    for (size_t i = 0; i < c.errors.size(); ++i) {
      std::string entry = doc.String("/errors/" + std::to_string(i)).value_or("");
      EXPECT_FALSE(entry.empty()) << r.body;
      EXPECT_NE(entry.find(c.errors[i]), std::string::npos)
          << "errors[" << i << "] should name " << c.errors[i] << ": " << r.body;
    }
  }
  EXPECT_EQ(StoredAlarms(kPdName), 0u);
  EXPECT_EQ(GetAlarm(Fingerprint(kCocName, "refused-1")).status, 404);
  EXPECT_EQ(GetAlarm(Fingerprint("prometheus", "refused-1")).status, 404);
  EXPECT_TRUE(ListIncidentNums(*client_).empty());
}

// 512 KiB on this endpoint, while the server-wide limit (1 MiB by default) still applies elsewhere.
TEST_F(PagerDutyTest, BodyOver512KiBIs413AndStoresNothing) {
  auto padded = [](const std::string& key, size_t total) {
    PdEvent e = Trigger(key);
    e.custom_details_json = "{\"pad\":\"\"}";
    const size_t overhead = e.ToJson().size();
    e.custom_details_json = "{\"pad\":\"" + std::string(total - overhead, 'p') + "\"}";
    return e.ToJson();
  };
  const std::string over = padded("too-big", 512 * 1024 + 1);
  ASSERT_EQ(over.size(), 512u * 1024 + 1);
  HttpResult r = client_->Post(kPagerDutyPath, over);
  EXPECT_EQ(r.status, 413) << r.body;
  JsonDoc doc(r.body);
  ASSERT_TRUE(doc.ok()) << r.body;
  EXPECT_EQ(doc.String("/error_code"), "COC.00000413") << r.body;
  EXPECT_FALSE(doc.String("/error_msg").value_or("").empty()) << r.body;
  EXPECT_EQ(GetAlarm(Fingerprint(kPdName, "too-big")).status, 404);

  const std::string fits = padded("fits", 512 * 1024);
  ASSERT_EQ(fits.size(), 512u * 1024);
  ExpectAccepted(client_->Post(kPagerDutyPath, fits), "512 KiB event");
  EXPECT_EQ(AlarmOf("fits").String("/data/status"), "alarm");
}

TEST_F(PagerDutyTest, RateLimitAnswers429ThrottleEventWithRetryAfter) {
  // pd-limited: 1/s, burst 2. Two pass at once; a quick run of more must meet an empty bucket.
  std::vector<int> statuses;
  HttpResult limited;
  std::string refused_key;
  for (int i = 0; i < 10; ++i) {
    PdEvent e = Trigger("rl-" + std::to_string(i));
    e.routing_key = kPdLimitedKey;
    HttpResult r = Send(e);
    statuses.push_back(r.status);
    if (r.status != 202) {
      limited = r;
      refused_key = *e.dedup_key;
      break;
    }
  }
  ASSERT_GE(statuses.size(), 3u);
  EXPECT_EQ(statuses[0], 202);
  EXPECT_EQ(statuses[1], 202);
  ASSERT_EQ(limited.status, 429) << "no 429 within 10 quick requests: " << limited.body;
  auto retry_after = limited.Header("retry-after");
  ASSERT_TRUE(retry_after.has_value());
  EXPECT_GE(std::atoi(retry_after->c_str()), 1) << *retry_after;
  JsonDoc doc(limited.body);
  ASSERT_TRUE(doc.ok()) << limited.body;
  EXPECT_EQ(doc.String("/status"), "throttle event") << limited.body;
  EXPECT_FALSE(doc.String("/message").value_or("").empty()) << limited.body;
  EXPECT_EQ(GetAlarm(Fingerprint(kPdLimitedName, refused_key)).status, 404);
  // The other pagerduty integration has its own bucket.
  PdEvent other = Trigger("not-limited");
  ExpectAccepted(Send(other), other.ToJson());
}

}  // namespace
}  // namespace alarmgate::e2e
