// Silences through the real binary (contract §5): while a silence from a rules file or from
// POST /v1/silences matches, alarms are recorded and counted but open nothing; expiring an API
// silence lets the next transition open; the API validates, lists by state, 404s and refuses to
// delete file silences.

#include <algorithm>
#include <string>
#include <vector>

#include "tests/e2e/e2e_test_base.h"
#include "tests/e2e/harness/incident_requests.h"
#include "tests/e2e/harness/rule_requests.h"

namespace alarmgate::e2e {
namespace {

constexpr const char* kRules = R"(rules:
  - name: paged
    match: {nameSpace: prod}
    group_by: [applicationId]
    incident: {assignee: oncall-1}
silences:
  - matchers: {applicationId: app-maint}
    starts_at: "2000-01-01T00:00:00Z"
    ends_at: "2100-01-01T00:00:00Z"
    comment: maintenance window
)";
constexpr int kFileSilenceLine = 7;  // where its "- matchers" is in kRules

RuleAlarm Prod(const std::string& id, const std::string& app, int64_t time = 0) {
  RuleAlarm a;
  a.alarm_id = id;
  a.name_space = "prod";
  a.application_id = app;
  a.time = time > 0 ? time : NowMs();
  return a;
}

std::string SilenceBody(const std::string& app, const std::string& ends_at,
                        const std::string& extra = "") {
  return R"({"matchers":{"applicationId":")" + app + R"("},"ends_at":")" + ends_at +
         R"(","comment":"e2e maintenance","creator":"e2e-operator")" + extra + "}";
}

class SilencesTest : public E2eTest {
 protected:
  void SetUp() override {
    TestConfig config;
    config.rules_yaml = kRules;
    StartServer(config);
  }

  Ingested Post(const RuleAlarm& a) {
    Ingested r = PostRuleAlarm(*client_, a);
    EXPECT_EQ(r.status, 200) << r.body;
    return r;
  }
  JsonDoc AlarmDoc(const std::string& alarm_id) {
    HttpResult r = GetAlarm(Fingerprint(kCocName, alarm_id));
    EXPECT_EQ(r.status, 200) << r.body;
    return JsonDoc(r.body);
  }
  // The ids GET /v1/silences lists (with `query`, e.g. "?state=active").
  std::vector<std::string> SilenceIds(const std::string& query = "") {
    HttpResult r = client_->Get("/v1/silences" + query, OpsAuth());
    EXPECT_EQ(r.status, 200) << r.body;
    JsonDoc doc(r.body);
    std::vector<std::string> ids;
    for (size_t i = 0; i < doc.ArraySize("/data/silences").value_or(0); ++i) {
      ids.push_back(doc.String("/data/silences/" + std::to_string(i) + "/id").value_or(""));
    }
    return ids;
  }
  std::string FileSilenceId() {
    std::vector<std::string> ids = SilenceIds();
    for (const auto& id : ids) {
      if (id.rfind("file:", 0) == 0) return id;
    }
    ADD_FAILURE() << "no file silence listed";
    return "";
  }
  // Creates an API silence for `app` ending in an hour; its id.
  std::string CreateSilence(const std::string& app, const std::string& extra = "") {
    HttpResult r = PostSilence(*client_, SilenceBody(app, Rfc3339(NowMs() + 3600'000), extra));
    EXPECT_EQ(r.status, 200) << r.body;
    return JsonDoc(r.body).String("/data/id").value_or("");
  }
};

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// A rules-file silence: recorded and counted, nothing opened; it cannot be deleted over the API.
TEST_F(SilencesTest, FileSilenceKeepsMatchingAlarmsFromOpening) {
  const std::string id = FileSilenceId();
  EXPECT_EQ(id, "file:" + server_->rules_path() + ":" + std::to_string(kFileSilenceLine));
  HttpResult got = client_->Get("/v1/silences/" + PathEscape(id), OpsAuth());
  ASSERT_EQ(got.status, 200) << got.body;
  JsonDoc s(got.body);
  EXPECT_EQ(s.String("/data/source"), "file") << got.body;
  EXPECT_EQ(s.String("/data/state"), "active") << got.body;
  EXPECT_EQ(s.String("/data/comment"), "maintenance window") << got.body;
  EXPECT_EQ(s.Minified("/data/matchers"), R"({"applicationId":"app-maint"})") << got.body;

  const double accepted_before = MetricOrZero(
      R"(alarmgate_alarms_received_total{integration="in-house-monitor",result="accepted"})");
  RuleAlarm a = Prod("maint-1", "app-maint");
  Ingested r = Post(a);
  EXPECT_FALSE(r.incident_num) << r.body;
  EXPECT_TRUE(r.actions.empty()) << r.body;
  Post(Prod("maint-1", "app-maint", a.time + 5));  // a duplicate: counted
  JsonDoc doc = AlarmDoc("maint-1");
  EXPECT_EQ(doc.String("/data/status"), "alarm");
  EXPECT_EQ(doc.Int("/data/count"), 2) << doc.Minified("").value_or("");
  EXPECT_EQ(doc.String("/data/last_decision/silenced_by"), id) << doc.Minified("").value_or("");
  EXPECT_EQ(doc.Minified("/data/last_decision/matched_rules"), R"(["paged"])");
  EXPECT_EQ(MetricOrZero(R"(alarmgate_alarms_received_total{integration="in-house-monitor",)"
                         R"(result="accepted"})"),
            accepted_before + 1);
  EXPECT_TRUE(ListIncidentNums(*client_).empty());

  // An unsilenced group of the same rule still opens.
  EXPECT_TRUE(Post(Prod("other-1", "app-other")).incident_num);

  HttpResult del = client_->Request("DELETE", "/v1/silences/" + PathEscape(id), "", OpsAuth());
  EXPECT_EQ(del.status, 409) << del.body;
  EXPECT_NE(JsonDoc(del.body).String("/error_msg").value_or("").find("rules file"),
            std::string::npos)
      << del.body;
  EXPECT_TRUE(Contains(SilenceIds("?state=active"), id));
}

// An API silence: silences while active; expired by DELETE, the next transition opens.
TEST_F(SilencesTest, ApiSilenceSilencesUntilExpired) {
  const int64_t now = NowMs();
  HttpResult created = PostSilence(*client_, SilenceBody("app-api", Rfc3339(now + 3600'000)));
  ASSERT_EQ(created.status, 200) << created.body;
  JsonDoc c(created.body);
  const std::string id = c.String("/data/id").value_or("");
  EXPECT_EQ(id.rfind("S", 0), 0u) << created.body;
  EXPECT_EQ(c.String("/data/state"), "active") << created.body;
  EXPECT_EQ(c.String("/data/source"), "api") << created.body;
  EXPECT_EQ(c.String("/data/creator"), "e2e-operator") << created.body;
  EXPECT_EQ(c.String("/data/comment"), "e2e maintenance") << created.body;
  EXPECT_EQ(c.Minified("/data/matchers"), R"({"applicationId":"app-api"})") << created.body;
  EXPECT_NEAR(static_cast<double>(c.Int("/data/starts_at").value_or(0)), now, 5000)
      << "starts_at defaults to now: " << created.body;
  EXPECT_EQ(c.Int("/data/ends_at"), (now + 3600'000) / 1000 * 1000) << created.body;

  HttpResult got = client_->Get("/v1/silences/" + id, OpsAuth());
  EXPECT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(JsonDoc(got.body).String("/data/id"), id);

  RuleAlarm a = Prod("api-1", "app-api");
  Ingested r = Post(a);
  EXPECT_FALSE(r.incident_num) << r.body;
  EXPECT_TRUE(r.actions.empty()) << r.body;
  EXPECT_EQ(AlarmDoc("api-1").String("/data/last_decision/silenced_by"), id);
  EXPECT_TRUE(ListIncidentNums(*client_).empty());

  EXPECT_TRUE(Contains(SilenceIds("?state=active"), id));
  EXPECT_FALSE(Contains(SilenceIds("?state=expired"), id));
  EXPECT_FALSE(Contains(SilenceIds("?state=pending"), id));

  HttpResult del = client_->Request("DELETE", "/v1/silences/" + id, "", OpsAuth());
  ASSERT_EQ(del.status, 200) << del.body;
  EXPECT_EQ(JsonDoc(del.body).String("/data/state"), "expired") << del.body;
  EXPECT_TRUE(Contains(SilenceIds("?state=expired"), id));
  EXPECT_FALSE(Contains(SilenceIds("?state=active"), id));
  EXPECT_TRUE(Contains(SilenceIds(), id)) << "an expired silence stays listed";

  // The next transition opens normally: a new alarm of the group, then the silenced one
  // clearing and firing again joins it.
  Ingested opened = Post(Prod("api-2", "app-api"));
  ASSERT_TRUE(opened.incident_num) << opened.body;
  EXPECT_EQ(opened.actions, std::vector<std::string>{"opened " + *opened.incident_num});
  EXPECT_TRUE(AlarmDoc("api-2").IsNull("/data/last_decision/silenced_by"));
  Post(a.With("ok", 10));
  Ingested again = Post(a.With("alarm", 20));
  EXPECT_EQ(again.incident_num, opened.incident_num) << again.body;
}

// The silenced alarm itself opens once the silence is gone and it fires again.
TEST_F(SilencesTest, SilencedAlarmOpensOnItsNextTransitionAfterExpiry) {
  const std::string id = CreateSilence("app-solo");
  RuleAlarm a = Prod("solo-1", "app-solo");
  EXPECT_FALSE(Post(a).incident_num);
  ASSERT_EQ(client_->Request("DELETE", "/v1/silences/" + id, "", OpsAuth()).status, 200);
  Ingested ok = Post(a.With("ok", 10));
  EXPECT_FALSE(ok.incident_num) << ok.body;
  Ingested fired = Post(a.With("alarm", 20));
  ASSERT_TRUE(fired.incident_num) << fired.body;
  EXPECT_EQ(ListIncidentNums(*client_), std::vector<std::string>{*fired.incident_num});
}

// A silence that starts later is pending and does not silence yet.
TEST_F(SilencesTest, PendingSilenceDoesNotSilenceYet) {
  const int64_t now = NowMs();
  const std::string extra = R"(,"starts_at":")" + Rfc3339(now + 1800'000) + "\"";
  const std::string id = CreateSilence("app-later", extra);
  ASSERT_FALSE(id.empty());
  EXPECT_TRUE(Contains(SilenceIds("?state=pending"), id));
  EXPECT_FALSE(Contains(SilenceIds("?state=active"), id));
  Ingested r = Post(Prod("later-1", "app-later"));
  EXPECT_TRUE(r.incident_num) << r.body;
}

// POST validation: 400 naming every problem, and nothing created.
TEST_F(SilencesTest, InvalidSilencesAreRefusedWithReasons) {
  const std::string future = Rfc3339(NowMs() + 3600'000);
  const std::string past = Rfc3339(NowMs() - 3600'000);
  struct Case {
    std::string body;
    std::vector<std::string> messages;
  };
  const std::vector<Case> cases = {
      {R"({"matchers":{"applicationId":"x"},"comment":"c","creator":"me"})",
       {"a silence needs ends_at"}},
      {R"({"matchers":{"applicationId":"x"},"ends_at":")" + future + R"(","comment":"c"})",
       {"a silence needs creator"}},
      {R"({"matchers":{"applicationId":"x"},"ends_at":")" + future + R"("})",
       {"a silence needs creator", "a silence needs comment", " | "}},
      {R"({"ends_at":")" + future + R"(","comment":"c","creator":"me"})",
       {"a silence needs matchers"}},
      {SilenceBody("x", past), {"ends_at must be in the future"}},
      {SilenceBody("x", future, R"(,"starts_at":")" + Rfc3339(NowMs() + 7200'000) + "\""),
       {"ends_at must be after starts_at"}},
      {SilenceBody("x", "tomorrow"), {"ends_at must be an RFC 3339 time"}},
      {R"({"matchers":{},"ends_at":")" + future + R"(","comment":"c","creator":"me"})",
       {"silence matchers must not be empty"}},
      {R"({"matchers":{"nosuch":"x"},"ends_at":")" + future + R"(","comment":"c","creator":"me"})",
       {"unknown field 'nosuch'"}},
      {SilenceBody("x", future, R"(,"foo":1)"), {"unknown key 'foo'"}},
      {R"({"matchers":{"alarmLevel":"critical"},"ends_at":")" + future +
           R"(","comment":"c","creator":"me"})",
       {"alarmLevel is never 'critical'"}},
      {R"({"matchers":{"applicationId":{"regex":"("}},"ends_at":")" + future +
           R"(","comment":"c","creator":"me"})",
       {"bad regex"}},
      {"not json", {}},
      {R"({"comment":"a","comment":"b"})", {}},  // duplicate keys: strict JSON
      {"[]", {}},
  };
  const size_t before = SilenceIds().size();
  for (const Case& c : cases) {
    HttpResult r = PostSilence(*client_, c.body);
    EXPECT_EQ(r.status, 400) << c.body << " -> " << r.body;
    JsonDoc doc(r.body);
    EXPECT_EQ(doc.String("/error_code"), "COC.00000001") << r.body;
    const std::string msg = doc.String("/error_msg").value_or("");
    EXPECT_FALSE(msg.empty()) << r.body;
    for (const std::string& m : c.messages) {
      EXPECT_NE(msg.find(m), std::string::npos) << c.body << " -> " << msg << " (want " << m << ")";
    }
  }
  EXPECT_EQ(SilenceIds().size(), before) << "a refused silence was stored";
}

TEST_F(SilencesTest, UnknownIdsAndBadFiltersAndAuth) {
  HttpResult r = client_->Get("/v1/silences/S-no-such-silence", OpsAuth());
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_TRUE(JsonDoc(r.body).String("/error_msg").has_value()) << r.body;
  r = client_->Request("DELETE", "/v1/silences/S-no-such-silence", "", OpsAuth());
  EXPECT_EQ(r.status, 404) << r.body;
  r = client_->Get("/v1/silences?state=bogus", OpsAuth());
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("state"), std::string::npos) << r.body;
  EXPECT_EQ(client_->Get("/v1/silences").status, 401);
  EXPECT_EQ(PostSilence(*client_, "{}").status, 400);
  EXPECT_EQ(client_->Post("/v1/silences", SilenceBody("x", Rfc3339(NowMs() + 60'000))).status, 401);
  EXPECT_EQ(SilenceIds().size(), 1u) << "only the file silence";
}

// API silences are durable: they outlive a restart.
TEST_F(SilencesTest, ApiSilenceSurvivesRestart) {
  const std::string id = CreateSilence("app-durable");
  ASSERT_FALSE(id.empty());
  server_->Kill9();
  ASSERT_TRUE(server_->Restart());
  Reconnect();
  EXPECT_TRUE(Contains(SilenceIds("?state=active"), id));
  Ingested r = Post(Prod("durable-1", "app-durable"));
  EXPECT_FALSE(r.incident_num) << r.body;
}

}  // namespace
}  // namespace alarmgate::e2e
