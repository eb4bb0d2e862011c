// Incident listing, persistence and metrics over HTTP (contract §6, §11): 1,000 incidents paged
// newest first with every filter, numbering across restarts and kill -9, and the incident
// metrics moving with the lifecycle.

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/e2e_test_base.h"
#include "tests/e2e/harness/incident_requests.h"

namespace alarmgate::e2e {
namespace {

// What the test knows of each incident it made.
struct Made {
  std::string num;
  std::string level;
  std::string source;
  std::string creator;
  std::string status = kTriggered;
};

struct Walk {
  std::vector<std::string> nums;  // in the order served
  int pages = 0;
  bool ended = false;  // a page with next_marker null was reached
};

class IncidentListTest : public E2eTest {
 protected:
  // Pages through GET /v1/external/incidents?<query> with `limit`, checking each page's shape and
  // every item with `check`.
  Walk WalkList(const std::string& query, int limit,
                const std::function<void(const JsonDoc&, const std::string&)>& check = nullptr) {
    Walk walk;
    std::string marker;
    while (walk.pages < 200) {
      std::string target = std::string(kIncidentListPath) + "?limit=" + std::to_string(limit) +
                           (query.empty() ? "" : "&" + query) +
                           (marker.empty() ? "" : "&marker=" + marker);
      HttpResult r = client_->Get(target, OpsAuth());
      EXPECT_EQ(r.status, 200) << target << " " << r.body;
      if (r.status != 200) break;
      ++walk.pages;
      JsonDoc doc(r.body);
      EXPECT_EQ(doc.String("/error_code"), "GOM.00000000");
      size_t n = doc.ArraySize("/data/incidents").value_or(0);
      EXPECT_LE(n, static_cast<size_t>(limit));
      for (size_t i = 0; i < n; ++i) {
        std::string at = "/data/incidents/" + std::to_string(i);
        walk.nums.push_back(doc.String(at + "/incident_num").value_or("?"));
        if (check) check(doc, at);
      }
      if (doc.IsNull("/data/next_marker")) {
        walk.ended = true;
        break;
      }
      auto next = doc.String("/data/next_marker");
      EXPECT_TRUE(next.has_value()) << r.body;
      if (!next || n == 0) break;
      EXPECT_EQ(n, static_cast<size_t>(limit)) << "next_marker on a page that is not full";
      EXPECT_EQ(*next, walk.nums.back()) << "next_marker is the page's last incident_num";
      marker = *next;
    }
    return walk;
  }
};

// The numbers of `made` that satisfy `keep`, newest (largest) first.
std::vector<std::string> NewestFirst(const std::vector<Made>& made,
                                     const std::function<bool(const Made&)>& keep) {
  std::vector<std::string> out;
  for (const Made& m : made) {
    if (keep(m)) out.push_back(m.num);
  }
  std::sort(out.rbegin(), out.rend());
  return out;
}

TEST_F(IncidentListTest, ThousandIncidentsPagedNewestFirstWithFilters) {
  StartServer();
  const auto started = std::chrono::steady_clock::now();
  constexpr int kIncidents = 1000;
  constexpr int kThreads = 4;
  const char* levels[] = {"level_10", "level_20", "level_30", "level_40", "level_50"};
  const char* sources[] = {"incident_source_manual", "incident_source_forwarding",
                           "incident_source_alarm"};
  std::vector<Made> made(kIncidents);
  std::vector<std::thread> threads;
  std::mutex mu;
  std::vector<std::string> failures;
  // Each thread creates the indexes ≡ t (mod kThreads), then accepts every 7th of them.
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      HttpClient client(server_->port(), std::chrono::seconds(10), true);
      for (int i = t; i < kIncidents; i += kThreads) {
        Made& m = made[i];
        m.level = levels[i % 5];
        m.source = sources[i % 3];
        m.creator = "creator-" + std::to_string(i % 4);
        IncidentSpec spec;
        spec.level = m.level;
        spec.source = m.source;
        spec.creator = m.creator;
        spec.title = "incident " + std::to_string(i);
        HttpResult r;
        m.num = CreateIncident(client, spec, &r);
        if (m.num.empty()) {
          std::lock_guard<std::mutex> lock(mu);
          failures.push_back(std::to_string(r.status) + " " + r.error + " " + r.body);
          return;
        }
      }
      for (int i = t; i < kIncidents; i += kThreads) {
        if (i % 7 != 0) continue;
        HttpResult r = HandleIncident(client, AcceptBody(made[i].num));
        if (r.status != 200) {
          std::lock_guard<std::mutex> lock(mu);
          failures.push_back(std::to_string(r.status) + " " + r.error + " " + r.body);
          return;
        }
        made[i].status = kAcknowledged;
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_TRUE(failures.empty()) << failures.size() << " failed, first: " << failures.front();
  std::set<std::string> unique;
  for (const Made& m : made) {
    EXPECT_TRUE(LooksLikeIncidentNum(m.num)) << m.num;
    unique.insert(m.num);
  }
  ASSERT_EQ(unique.size(), static_cast<size_t>(kIncidents)) << "incident numbers repeat";
  std::map<std::string, const Made*> by_num;
  for (const Made& m : made) by_num[m.num] = &m;

  // Everything, 100 at a time: newest first, each once, none missing, then next_marker null.
  Walk all = WalkList("", 100);
  EXPECT_TRUE(all.ended);
  EXPECT_EQ(all.nums, NewestFirst(made, [](const Made&) { return true; }));
  EXPECT_LE(all.pages, kIncidents / 100 + 1);
  EXPECT_EQ(std::set<std::string>(all.nums.begin(), all.nums.end()).size(), all.nums.size())
      << "served twice";

  // The default page is 20.
  HttpResult first = client_->Get(kIncidentListPath, OpsAuth());
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(JsonDoc(first.body).ArraySize("/data/incidents"), 20u);
  EXPECT_EQ(JsonDoc(first.body).String("/data/next_marker"), all.nums[19]);

  // Each filter serves exactly the matching incidents, newest first; items carry the fields.
  struct Filter {
    std::string query;
    std::function<bool(const Made&)> keep;
    std::string field;  // the item member the filter is on
    std::string value;
  };
  const std::vector<Filter> filters = {
      {"status=INCIDENT_STATUS_ACKNOWLEDGED",
       [](const Made& m) { return m.status == kAcknowledged; }, "status", kAcknowledged},
      {"status=INCIDENT_STATUS_TRIGGERED", [](const Made& m) { return m.status == kTriggered; },
       "status", kTriggered},
      {"status=INCIDENT_STATUS_RESOLVED", [](const Made&) { return false; }, "status", kResolved},
      {"level=level_10", [](const Made& m) { return m.level == "level_10"; }, "incident_level",
       "level_10"},
      {"level=level_40", [](const Made& m) { return m.level == "level_40"; }, "incident_level",
       "level_40"},
      {"source=incident_source_alarm",
       [](const Made& m) { return m.source == "incident_source_alarm"; }, "incident_source",
       "incident_source_alarm"},
      {"creator=creator-2", [](const Made& m) { return m.creator == "creator-2"; }, "creator",
       "creator-2"},
      {"creator=nobody", [](const Made&) { return false; }, "creator", "nobody"},
      {"status=INCIDENT_STATUS_ACKNOWLEDGED&level=level_20",
       [](const Made& m) { return m.status == kAcknowledged && m.level == "level_20"; },
       "incident_level", "level_20"},
  };
  for (const Filter& f : filters) {
    SCOPED_TRACE(f.query);
    Walk walk = WalkList(f.query, 100, [&](const JsonDoc& doc, const std::string& at) {
      EXPECT_EQ(doc.String(at + "/" + f.field), f.value);
      auto num = doc.String(at + "/incident_num");
      auto it = by_num.find(num.value_or(""));
      if (it == by_num.end()) return;
      EXPECT_EQ(doc.String(at + "/status"), it->second->status);
      EXPECT_EQ(doc.String(at + "/incident_level"), it->second->level);
    });
    EXPECT_TRUE(walk.ended);
    EXPECT_EQ(walk.nums, NewestFirst(made, f.keep));
  }

  // Bad parameters are 400s that name them.
  for (const char* query :
       {"limit=0", "limit=101", "limit=x", "status=OPEN", "level=level_60", "source=email"}) {
    SCOPED_TRACE(query);
    HttpResult r = client_->Get(std::string(kIncidentListPath) + "?" + query, OpsAuth());
    EXPECT_EQ(r.status, 400) << r.body;
    JsonDoc doc(r.body);
    EXPECT_EQ(doc.String("/error_code"), "GOM.00000001") << r.body;
    std::string name(query, std::string_view(query).find('='));
    EXPECT_NE(doc.String("/error_msg").value_or("").find(name), std::string::npos) << r.body;
  }
  RecordProperty("seconds", static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(
                                                 std::chrono::steady_clock::now() - started)
                                                 .count()));
}

// Incident numbers come from a persisted sequence: a restart keeps every incident, its timeline
// and its status, and numbers issued afterwards sort after the earlier ones.
TEST_F(IncidentListTest, RestartKeepsIncidentsAndNumberingContinues) {
  StartServer();
  std::vector<std::string> before;
  for (int i = 0; i < 3; ++i) before.push_back(CreateIncident(*client_));
  ASSERT_EQ(HandleIncident(*client_, AcceptBody(before[1])).status, 200);
  ASSERT_EQ(server_->Terminate(), 0) << server_->Log();
  ASSERT_TRUE(server_->Restart());
  Reconnect();

  for (const std::string& num : before) {
    ASSERT_TRUE(LooksLikeIncidentNum(num)) << num;
    EXPECT_EQ(GetIncident(*client_, num).status, 200) << num;
  }
  EXPECT_EQ(IncidentStatusOf(*client_, before[1]), kAcknowledged);
  EXPECT_EQ(
      JsonDoc(client_->Get("/v1/external/incident/" + before[1] + "/timeline", OpsAuth()).body)
          .ArraySize("/data/timeline"),
      2u);

  std::vector<std::string> after;
  for (int i = 0; i < 3; ++i) after.push_back(CreateIncident(*client_));
  for (const std::string& num : after) {
    ASSERT_TRUE(LooksLikeIncidentNum(num)) << num;
    EXPECT_GT(num, *std::max_element(before.begin(), before.end())) << "numbering restarted";
  }
  EXPECT_LT(after[0], after[1]);
  EXPECT_LT(after[1], after[2]);
  Walk walk = WalkList("", 100);
  EXPECT_EQ(walk.nums, (std::vector<std::string>{after[2], after[1], after[0], before[2], before[1],
                                                 before[0]}));
}

class IncidentKillTest : public IncidentListTest,
                         public ::testing::WithParamInterface<std::string> {};

// contract §3: a 2xx means the effect is durable: kill -9 right after the create's 200.
TEST_P(IncidentKillTest, CreatedIncidentSurvivesKill9) {
  TestConfig config;
  config.durability = GetParam();
  StartServer(config);
  std::string accepted = CreateIncident(*client_);
  ASSERT_EQ(HandleIncident(*client_, AcceptBody(accepted)).status, 200);
  IncidentSpec spec;
  spec.title = "survives kill -9";
  std::string num = CreateIncident(*client_, spec);
  ASSERT_TRUE(LooksLikeIncidentNum(num));
  server_->Kill9();  // right after the 200: no clean close of storage
  ASSERT_TRUE(server_->Restart());
  Reconnect();

  HttpResult r = GetIncident(*client_, num);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(JsonDoc(r.body).String("/data/incident_title"), "survives kill -9");
  EXPECT_EQ(JsonDoc(r.body).String("/data/status"), kTriggered);
  EXPECT_EQ(IncidentStatusOf(*client_, accepted), kAcknowledged);
  // The sequence was persisted with the incident: no number is issued twice.
  std::string next = CreateIncident(*client_);
  EXPECT_GT(next, num);
}

INSTANTIATE_TEST_SUITE_P(Durability, IncidentKillTest, ::testing::Values("process", "machine"),
                         [](const auto& info) { return info.param; });

// contract §11: the incident metrics move with the lifecycle, and the open gauge is rebuilt from
// storage on restart.
TEST_F(IncidentListTest, MetricsFollowTheLifecycle) {
  StartServer();
  const std::string manual = "incident_source_manual";
  const std::string forwarding = "incident_source_forwarding";
  auto open = [&](const std::string& level, const std::string& status) {
    return MetricOrZero("alarmgate_incidents_open{level=\"" + level + "\",status=\"" + status +
                        "\"}");
  };
  auto opened = [&](const std::string& level, const std::string& source) {
    return MetricOrZero("alarmgate_incidents_opened_total{level=\"" + level + "\",source=\"" +
                        source + "\"}");
  };
  auto make = [&](const std::string& level, const std::string& source) {
    IncidentSpec spec;
    spec.level = level;
    spec.source = source;
    std::string num = CreateIncident(*client_, spec);
    EXPECT_TRUE(LooksLikeIncidentNum(num));
    return num;
  };

  std::string a = make("level_20", manual);
  std::string b = make("level_20", manual);
  make("level_40", forwarding);
  EXPECT_EQ(opened("level_20", manual), 2);
  EXPECT_EQ(opened("level_40", forwarding), 1);
  EXPECT_EQ(opened("level_20", forwarding), 0);
  EXPECT_EQ(open("level_20", kTriggered), 2);
  EXPECT_EQ(open("level_40", kTriggered), 1);

  ASSERT_EQ(HandleIncident(*client_, AcceptBody(a)).status, 200);
  EXPECT_EQ(open("level_20", kTriggered), 1);
  EXPECT_EQ(open("level_20", kAcknowledged), 1);
  EXPECT_EQ(MetricOrZero("alarmgate_incident_ack_seconds_count"), 1);
  EXPECT_EQ(MetricOrZero("alarmgate_incident_resolve_seconds_count"), 0);

  ASSERT_EQ(HandleIncident(*client_, CommitSolutionBody(a)).status, 200);
  EXPECT_EQ(open("level_20", kAcknowledged), 0);
  EXPECT_EQ(MetricOrZero("alarmgate_incidents_resolved_total{how=\"manual\"}"), 1);
  EXPECT_EQ(MetricOrZero("alarmgate_incidents_resolved_total{how=\"auto\"}"), 0);
  EXPECT_EQ(MetricOrZero("alarmgate_incident_resolve_seconds_count"), 1);
  // Labelled families appear with their first series.
  std::string m = Metrics();
  for (const auto& [name, type] : std::vector<std::pair<std::string, std::string>>{
           {"alarmgate_incidents_opened_total", "counter"},
           {"alarmgate_incidents_resolved_total", "counter"},
           {"alarmgate_incidents_open", "gauge"},
           {"alarmgate_incident_ack_seconds", "histogram"},
           {"alarmgate_incident_resolve_seconds", "histogram"}}) {
    EXPECT_EQ(MetricType(m, name), type) << name;
  }

  // Rejected by the verifier: open again until resolved once more.
  ASSERT_EQ(HandleIncident(*client_, ConfirmBody(a, false)).status, 200);
  EXPECT_EQ(open("level_20", kRejected), 1);
  ASSERT_EQ(HandleIncident(*client_, CommitSolutionBody(a)).status, 200);
  EXPECT_EQ(open("level_20", kRejected), 0);
  EXPECT_EQ(MetricOrZero("alarmgate_incidents_resolved_total{how=\"manual\"}"), 2);
  EXPECT_EQ(MetricOrZero("alarmgate_incident_resolve_seconds_count"), 2);
  ASSERT_EQ(HandleIncident(*client_, ConfirmBody(a, true)).status, 200);
  EXPECT_EQ(MetricOrZero("alarmgate_incidents_open{level=\"level_20\"}"), 1);  // b only

  // A refused operation moves nothing.
  ASSERT_EQ(HandleIncident(*client_, CommitSolutionBody(b)).status, 409);
  EXPECT_EQ(MetricOrZero("alarmgate_incidents_resolved_total{how=\"manual\"}"), 2);
  EXPECT_EQ(MetricOrZero("alarmgate_incident_ack_seconds_count"), 1);

  ASSERT_EQ(server_->Terminate(), 0) << server_->Log();
  ASSERT_TRUE(server_->Restart());
  Reconnect();
  EXPECT_EQ(open("level_20", kTriggered), 1);
  EXPECT_EQ(open("level_40", kTriggered), 1);
  EXPECT_EQ(open("level_20", kAcknowledged), 0);
}

}  // namespace
}  // namespace alarmgate::e2e
