// Alertmanager process control for e2e tests: fork/exec with PR_SET_PDEATHSIG (as
// alarmgate_process.cc), every wait a poll of the real condition with a deadline.

#include "tests/e2e/harness/alertmanager_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/json_writer.h"
#include "tests/e2e/harness/json_doc.h"

extern char** environ;

namespace alarmgate::e2e {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
constexpr milliseconds kPoll(20);
constexpr uint16_t kDefaultAlertmanagerPort = 9093;  // another Alertmanager may own it: never used

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string MakeTempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/alarmgate-am-e2e-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) return "";
  return buf.data();
}

// A port the kernel just handed out on 127.0.0.1 (and took back): free unless someone races us,
// which Start() survives by trying again.
uint16_t FreePort() {
  for (int attempt = 0; attempt < 10; ++attempt) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof(addr);
    uint16_t port = 0;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      port = ntohs(addr.sin_port);
    }
    close(fd);
    if (port != 0 && port != kDefaultAlertmanagerPort) return port;
  }
  return 0;
}

pid_t Spawn(const std::vector<std::string>& args, const std::string& out_path,
            const std::string& err_path) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid != 0) return pid;
  // Killed with the test process, so a test killed by ctest's timeout leaves nothing behind.
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) _exit(127);
  int in = open("/dev/null", O_RDONLY);
  int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) {
    _exit(127);
  }
  execve(argv[0], argv.data(), environ);
  _exit(127);
}

bool Exited(pid_t pid, int* code) {
  int status = 0;
  if (waitpid(pid, &status, WNOHANG) != pid) return false;
  *code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return true;
}

std::string RenderConfig(const AlertmanagerOptions& o) {
  std::ostringstream y;
  y << "route:\n"
    << "  receiver: alarmgate\n"
    << "  group_by: ['alertname']\n"
    << "  group_wait: 1s\n"
    << "  group_interval: 1s\n"
    << "  repeat_interval: 1h\n"
    << "receivers:\n"
    << "  - name: alarmgate\n"
    << "    webhook_configs:\n"
    << "      - url: '" << o.webhook_url << "'\n"
    << "        send_resolved: " << (o.send_resolved ? "true" : "false") << "\n"
    << "        max_alerts: 0\n";
  return y.str();
}

}  // namespace

std::string AlertmanagerBinary() {
  const char* env = std::getenv("ALERTMANAGER_BINARY");
  return env && *env ? env : "/usr/bin/prometheus-alertmanager";
}

std::string AmTimestamp(int64_t epoch_ms) {
  std::time_t secs = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(epoch_ms % 1000));
  return buf;
}

std::string AmAlert::ToJson() const {
  JsonWriter w;
  w.BeginObject().Key("labels").BeginObject();
  for (const auto& [k, v] : labels) w.Key(k).String(v);
  w.EndObject().Key("annotations").BeginObject();
  for (const auto& [k, v] : annotations) w.Key(k).String(v);
  w.EndObject();
  w.Key("startsAt").String(AmTimestamp(starts_at_ms));
  if (ends_at_ms) w.Key("endsAt").String(AmTimestamp(*ends_at_ms));
  w.Key("generatorURL").String(generator_url);
  w.EndObject();
  return w.Take();
}

AlertmanagerProcess::AlertmanagerProcess(AlertmanagerOptions options)
    : options_(std::move(options)), dir_(MakeTempDir()) {
  std::filesystem::create_directories(dir_ + "/data");
  std::ofstream(config_path(), std::ios::binary | std::ios::trunc) << RenderConfig(options_);
}

AlertmanagerProcess::~AlertmanagerProcess() {
  Kill();
  if (::testing::Test::HasFailure()) {
    std::fprintf(stderr, "[e2e] kept %s (alertmanager config, data, logs) for inspection\n",
                 dir_.c_str());
    return;
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string AlertmanagerProcess::Log() const {
  std::string all;
  for (int i = 0; i < starts_; ++i) all += ReadFile(dir_ + "/stderr." + std::to_string(i) + ".log");
  return all;
}

::testing::AssertionResult AlertmanagerProcess::Start(milliseconds deadline) {
  if (pid_ > 0) return ::testing::AssertionFailure() << "alertmanager already running";
  const std::string binary = AlertmanagerBinary();
  if (access(binary.c_str(), X_OK) != 0) {
    return ::testing::AssertionFailure()
           << "Alertmanager binary " << binary
           << " is missing: install it (apt-get install prometheus-alertmanager, or "
              "scripts/install-deps --test), or set ALERTMANAGER_BINARY";
  }
  const auto until = Clock::now() + deadline;
  std::string last_log;
  // A free port may be taken between FreePort() and the bind: then try another.
  for (int attempt = 0; attempt < 3; ++attempt) {
    port_ = FreePort();
    if (port_ == 0) return ::testing::AssertionFailure() << "no free port on 127.0.0.1";
    const std::string err_path = dir_ + "/stderr." + std::to_string(starts_) + ".log";
    ++starts_;
    pid_ = Spawn({binary, "--config.file=" + config_path(), "--storage.path=" + dir_ + "/data",
                  "--web.listen-address=127.0.0.1:" + std::to_string(port_),
                  "--cluster.listen-address=", "--log.level=debug"},
                 dir_ + "/stdout.log", err_path);
    if (pid_ <= 0) {
      pid_ = -1;
      return ::testing::AssertionFailure() << "fork " << binary << " failed";
    }
    HttpClient client(port_, milliseconds(1000));
    while (true) {
      int code = 0;
      if (Exited(pid_, &code)) {
        pid_ = -1;
        last_log = ReadFile(err_path);
        break;  // e.g. address already in use: another attempt
      }
      if (client.Get("/-/ready").status == 200) return ::testing::AssertionSuccess();
      if (Clock::now() >= until) {
        return ::testing::AssertionFailure()
               << "Alertmanager GET /-/ready not 200 within " << deadline.count() << " ms; log:\n"
               << ReadFile(err_path);
      }
      std::this_thread::sleep_for(kPoll);
    }
  }
  return ::testing::AssertionFailure() << "Alertmanager exited before ready; log:\n" << last_log;
}

void AlertmanagerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

::testing::AssertionResult AlertmanagerProcess::RestartWithFreshStorage() {
  Kill();
  std::error_code ec;
  std::filesystem::remove_all(dir_ + "/data", ec);
  std::filesystem::create_directories(dir_ + "/data");
  return Start();
}

HttpResult AlertmanagerProcess::PostAlerts(const std::vector<AmAlert>& alerts) {
  std::string body = "[";
  for (size_t i = 0; i < alerts.size(); ++i) body += (i ? "," : "") + alerts[i].ToJson();
  body += "]";
  return HttpClient(port_, milliseconds(5000)).Post("/api/v2/alerts", body);
}

HttpResult AlertmanagerProcess::GetAlerts() {
  return HttpClient(port_, milliseconds(5000)).Get("/api/v2/alerts");
}

std::map<std::string, std::string> AlertmanagerProcess::Fingerprints() {
  std::map<std::string, std::string> out;
  HttpResult r = GetAlerts();
  if (r.status != 200) return out;
  JsonDoc doc(r.body);
  const size_t n = doc.ArraySize("").value_or(0);
  for (size_t i = 0; i < n; ++i) {
    const std::string at = "/" + std::to_string(i);
    auto fingerprint = doc.String(at + "/fingerprint");
    if (!fingerprint) continue;
    out[doc.String(at + "/labels/alertname").value_or("") + "/" +
        doc.String(at + "/labels/instance").value_or("")] = *fingerprint;
  }
  return out;
}

std::string AlertmanagerProcess::Metrics() {
  return HttpClient(port_, milliseconds(5000)).Get("/metrics").body;
}

}  // namespace alarmgate::e2e
