// alarmgate beside a REAL Prometheus Alertmanager (contract §4.2, §4.4, §10): alerts posted to
// Alertmanager reach alarmgate through its webhook receiver, one alarm per alert, grouped into one
// incident and auto-resolved by the resolved notification; notifications sent while alarmgate is
// down arrive through Alertmanager's retries; and reconciliation clears an alert Alertmanager
// dropped without telling anyone.

#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "core/crypto.h"
#include "tests/e2e/e2e_test_base.h"
#include "tests/e2e/harness/alertmanager_process.h"
#include "tests/e2e/harness/incident_requests.h"
#include "tests/e2e/harness/rule_requests.h"

namespace alarmgate::e2e {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr const char* kKey = "am-e2e-key";
constexpr const char* kName = "am";

constexpr const char* kRules = R"(rules:
  - name: am-by-alertname
    match: {integration: am}
    group_by: [alarmName]
    incident:
      level: {Critical: level_10, Major: level_20, Minor: level_30, Info: level_40}
      title: "${alarmName}"
      assignee: oncall-1
    resolve: all_ok
)";

// Polls `condition` every 50 ms until it holds or `deadline` passes; the last result.
bool PollUntil(const std::function<bool()>& condition, milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(milliseconds(50));
  }
}

AmAlert Alert(const std::string& alertname, const std::string& instance) {
  AmAlert a;
  a.labels = {
      {"alertname", alertname}, {"instance", instance}, {"job", "api"}, {"severity", "critical"}};
  a.annotations = {{"summary", alertname + " on " + instance}};
  a.starts_at_ms = NowMs() - 1000;
  return a;
}

AmAlert Resolved(AmAlert a) {
  a.ends_at_ms = NowMs();
  return a;
}

class AlertmanagerE2eTest : public E2eTest {
 protected:
  // alarmgate with one alertmanager integration (reconciling `reconcile_url` every second when
  // set) and the grouping rule; on `port` when non-zero.
  std::string ConfigYaml(const std::string& reconcile_url = "") {
    std::ostringstream y;
    y << "server:\n  listen: 127.0.0.1:0\n"
      << "storage:\n  data_dir: \"" << server_->data_dir() << "\"\n  durability: process\n"
      << "auth:\n  tokens:\n    - name: ops\n      sha256: \"" << Sha256Hex(kOpsToken) << "\"\n"
      << "integrations:\n"
      << "  - key: \"" << kKey << "\"\n"
      << "    name: \"" << kName << "\"\n"
      << "    format: alertmanager\n"
      << "    rate_limit_per_s: 0\n";
    if (!reconcile_url.empty()) {
      y << "    reconcile: {url: \"" << reconcile_url << "\", every_s: 1}\n";
    }
    y << "rules_files: [" << kRulesFileName << "]\n"
      << "inventory_files: []\n"
      << "log:\n  level: debug\n  format: text\n";
    return y.str();
  }

  void StartAlarmgate(uint16_t port = 0) {
    if (!server_) server_ = std::make_unique<AlarmgateProcess>();
    server_->WriteRulesText(kRules);
    server_->WriteConfigText(ConfigYaml());
    server_->set_listen_port(port);
    ASSERT_TRUE(server_->Start());
    Reconnect();
  }

  void StartAlertmanager(bool send_resolved = true) {
    am_ = std::make_unique<AlertmanagerProcess>(
        AlertmanagerOptions{.webhook_url = "http://127.0.0.1:" + std::to_string(server_->port()) +
                                           "/v1/event/alertmanager/" + kKey,
                            .send_resolved = send_resolved});
    ASSERT_TRUE(am_->Start());
  }

  void PostToAlertmanager(const std::vector<AmAlert>& alerts) {
    HttpResult r = am_->PostAlerts(alerts);
    ASSERT_EQ(r.status, 200) << r.error << r.body;
  }

  // Alertmanager's fingerprint of each alert ("alertname/instance"), once it holds all `n`.
  std::map<std::string, std::string> WaitForFingerprints(size_t n) {
    std::map<std::string, std::string> fps;
    EXPECT_TRUE(PollUntil(
        [&] {
          fps = am_->Fingerprints();
          return fps.size() == n;
        },
        seconds(10)))
        << am_->GetAlerts().body;
    return fps;
  }

  // GET /v1/alarms/{fingerprint} of Alertmanager's alert `am_fingerprint` (404 until it arrives).
  JsonDoc AlarmDoc(const std::string& am_fingerprint) {
    HttpResult r = GetAlarm(Fingerprint(kName, am_fingerprint));
    return JsonDoc(r.status == 200 ? r.body : "{}");
  }
  bool AlarmHasStatus(const std::string& am_fingerprint, const std::string& status) {
    return AlarmDoc(am_fingerprint).String("/data/status") == status;
  }
  std::string Diagnostics() {
    return "\nalarmgate log:\n" + server_->Log() + "\nalertmanager log:\n" +
           (am_ ? am_->Log() : std::string());
  }

  std::unique_ptr<AlertmanagerProcess> am_;
};

// (a) Two firing alerts of one alertname: two alarms (alarmId = Alertmanager's fingerprint), ONE
// incident; both resolved in Alertmanager: the resolved notification auto-resolves it.
TEST_F(AlertmanagerE2eTest, TwoAlertsOfOneAlertnameOpenOneIncidentThatTheirResolveCloses) {
  ASSERT_NO_FATAL_FAILURE(StartAlarmgate());
  ASSERT_NO_FATAL_FAILURE(StartAlertmanager());
  const AmAlert a1 = Alert("ApiDown", "host-1");
  const AmAlert a2 = Alert("ApiDown", "host-2");
  ASSERT_NO_FATAL_FAILURE(PostToAlertmanager({a1, a2}));
  auto fps = WaitForFingerprints(2);
  const std::string fp1 = fps["ApiDown/host-1"];
  const std::string fp2 = fps["ApiDown/host-2"];
  ASSERT_FALSE(fp1.empty() || fp2.empty());
  ASSERT_NE(fp1, fp2);

  ASSERT_TRUE(PollUntil(
      [&] { return AlarmHasStatus(fp1, "alarm") && AlarmHasStatus(fp2, "alarm"); }, seconds(15)))
      << Diagnostics();
  JsonDoc alarm1 = AlarmDoc(fp1);
  JsonDoc alarm2 = AlarmDoc(fp2);
  EXPECT_EQ(alarm1.String("/data/alarm_id"), fp1);
  EXPECT_EQ(alarm1.String("/data/level"), "Critical");
  EXPECT_EQ(alarm1.String("/data/last_event/labels/instance"), "host-1");
  const auto num = alarm1.String("/data/incident_num");
  ASSERT_TRUE(num.has_value()) << alarm1.Minified("").value_or("");
  EXPECT_EQ(alarm2.String("/data/incident_num"), num);
  EXPECT_EQ(IncidentStatusOf(*client_, *num), kTriggered);
  EXPECT_EQ(MetricOrZero("alarmgate_incidents_opened_total"), 1);
  EXPECT_EQ(MetricOrZero("alarmgate_alarm_transitions_total{integration=\"am\",to=\"alarm\"}"), 2);

  ASSERT_NO_FATAL_FAILURE(PostToAlertmanager({Resolved(a1), Resolved(a2)}));
  ASSERT_TRUE(PollUntil([&] { return AlarmHasStatus(fp1, "ok") && AlarmHasStatus(fp2, "ok"); },
                        seconds(15)))
      << Diagnostics();
  EXPECT_TRUE(PollUntil([&] { return IncidentStatusOf(*client_, *num) == kResolved; }, seconds(5)));
  EXPECT_EQ(MetricOrZero("alarmgate_incidents_opened_total"), 1);
}

// (b) alarmgate is down when Alertmanager notifies: Alertmanager retries (the webhook fails with
// connection refused) and the alert arrives once alarmgate is back on the same port.
TEST_F(AlertmanagerE2eTest, AnAlertSentWhileAlarmgateIsDownArrivesThroughRetries) {
  ASSERT_NO_FATAL_FAILURE(StartAlarmgate());
  const uint16_t port = server_->port();
  server_->Kill9();
  ASSERT_NO_FATAL_FAILURE(StartAlertmanager());
  ASSERT_NO_FATAL_FAILURE(PostToAlertmanager({Alert("DbDown", "db-1")}));
  const std::string fp = WaitForFingerprints(1)["DbDown/db-1"];
  ASSERT_FALSE(fp.empty());

  // Alertmanager has tried and failed at least once: nothing listens yet.
  EXPECT_TRUE(PollUntil(
      [&] {
        return MetricSum(am_->Metrics(),
                         "alertmanager_notification_requests_failed_total{integration=\"webhook\"}")
                   .value_or(0) > 0;
      },
      seconds(15)))
      << Diagnostics();

  ASSERT_NO_FATAL_FAILURE(StartAlarmgate(port));
  ASSERT_EQ(server_->port(), port);
  // Retries back off (up to ~10 s per flush, then the next group_interval tries again).
  EXPECT_TRUE(PollUntil([&] { return AlarmHasStatus(fp, "alarm"); }, seconds(40))) << Diagnostics();
  EXPECT_EQ(AlarmDoc(fp).String("/data/last_event/labels/alertname"), "DbDown");
}

// (c) An alert Alertmanager drops without a resolved notification (this receiver has
// send_resolved: false): reconciliation sees it gone from GET /api/v2/alerts and resolves it,
// and the incident with it; an alert still firing is left alone; and when Alertmanager cannot be
// reached, nothing is cleared.
TEST_F(AlertmanagerE2eTest, ReconciliationResolvesAnAlertAlertmanagerNoLongerHas) {
  ASSERT_NO_FATAL_FAILURE(StartAlarmgate());
  ASSERT_NO_FATAL_FAILURE(StartAlertmanager(/*send_resolved=*/false));
  // Reconciliation is switched on by a reload (the targets follow the config).
  server_->WriteConfigText(ConfigYaml(am_->url()));
  HttpResult reload = client_->Post("/-/reload", "", OpsAuth());
  ASSERT_EQ(reload.status, 200) << reload.body;

  const AmAlert gone = Alert("QueueStuck", "mq-1");
  const AmAlert staying = Alert("DiskFull", "fs-1");
  ASSERT_NO_FATAL_FAILURE(PostToAlertmanager({gone, staying}));
  auto fps = WaitForFingerprints(2);
  const std::string fp_gone = fps["QueueStuck/mq-1"];
  const std::string fp_staying = fps["DiskFull/fs-1"];
  ASSERT_FALSE(fp_gone.empty() || fp_staying.empty());
  ASSERT_TRUE(PollUntil(
      [&] { return AlarmHasStatus(fp_gone, "alarm") && AlarmHasStatus(fp_staying, "alarm"); },
      seconds(15)))
      << Diagnostics();
  const auto num = AlarmDoc(fp_gone).String("/data/incident_num");
  ASSERT_TRUE(num.has_value());
  // Passes run and keep both while Alertmanager holds both.
  ASSERT_TRUE(PollUntil(
      [&] {
        return MetricOrZero("alarmgate_reconcile_runs_total{integration=\"am\",result=\"ok\"}") >=
               2;
      },
      seconds(10)))
      << Diagnostics();
  EXPECT_TRUE(AlarmHasStatus(fp_gone, "alarm"));

  // Resolved in Alertmanager: it leaves GET /api/v2/alerts, and this receiver is not told.
  ASSERT_NO_FATAL_FAILURE(PostToAlertmanager({Resolved(gone)}));
  ASSERT_TRUE(PollUntil([&] { return AlarmHasStatus(fp_gone, "ok"); }, seconds(10)))
      << Diagnostics();
  JsonDoc cleared = AlarmDoc(fp_gone);
  EXPECT_EQ(cleared.Bool("/data/last_event/reconciled"), true) << cleared.Minified("").value_or("");
  EXPECT_EQ(cleared.String("/data/last_event/alarmDesc"),
            "resolved by reconciliation: Alertmanager no longer has this alert");
  EXPECT_TRUE(PollUntil([&] { return IncidentStatusOf(*client_, *num) == kResolved; }, seconds(5)));
  EXPECT_EQ(MetricOrZero("alarmgate_reconcile_resolved_total{integration=\"am\"}"), 1);
  EXPECT_TRUE(AlarmHasStatus(fp_staying, "alarm"));

  // Alertmanager gone: passes fail, and the alarm it still had is not cleared.
  am_->Kill();
  const double errors =
      MetricOrZero("alarmgate_reconcile_runs_total{integration=\"am\",result=\"error\"}");
  EXPECT_TRUE(PollUntil(
      [&] {
        return MetricOrZero(
                   "alarmgate_reconcile_runs_total{integration=\"am\",result=\"error\"}") >=
               errors + 2;
      },
      seconds(15)))
      << Diagnostics();
  EXPECT_TRUE(AlarmHasStatus(fp_staying, "alarm"));
  EXPECT_EQ(MetricOrZero("alarmgate_reconcile_resolved_total{integration=\"am\"}"), 1);
}

// (c') Alertmanager restarted with fresh storage forgets every alert at once: reconciliation
// resolves what alarmgate still had open from it.
TEST_F(AlertmanagerE2eTest, ReconciliationResolvesWhatARestartedAlertmanagerForgot) {
  ASSERT_NO_FATAL_FAILURE(StartAlarmgate());
  ASSERT_NO_FATAL_FAILURE(StartAlertmanager());
  ASSERT_NO_FATAL_FAILURE(PostToAlertmanager({Alert("CacheCold", "c-1")}));
  const std::string fp = WaitForFingerprints(1)["CacheCold/c-1"];
  ASSERT_FALSE(fp.empty());
  ASSERT_TRUE(PollUntil([&] { return AlarmHasStatus(fp, "alarm"); }, seconds(15))) << Diagnostics();

  ASSERT_TRUE(am_->RestartWithFreshStorage());  // a new port: point reconciliation at it
  server_->WriteConfigText(ConfigYaml(am_->url()));
  HttpResult reload = client_->Post("/-/reload", "", OpsAuth());
  ASSERT_EQ(reload.status, 200) << reload.body;
  EXPECT_TRUE(PollUntil([&] { return AlarmHasStatus(fp, "ok"); }, seconds(10))) << Diagnostics();
}

}  // namespace
}  // namespace alarmgate::e2e
