// Process control for e2e tests through fork/exec and waitpid; every wait has a deadline and
// is a poll of the real condition (exit status, a log line, an HTTP answer).

#include "tests/e2e/harness/alarmgate_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/e2e/harness/http_client.h"

extern char** environ;

namespace alarmgate::e2e {

namespace {

using Clock = std::chrono::steady_clock;
constexpr milliseconds kPoll(10);

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int DecodeStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Spawns `args` with stdin from /dev/null and stdout/stderr to files; -1 on failure.
pid_t Spawn(const std::vector<std::string>& args, const std::string& out_path,
            const std::string& err_path) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // fork + exec rather than posix_spawn: the child asks to be killed when the test process dies,
  // so a test killed by ctest's timeout never leaves a server behind. Only async-signal-safe
  // calls happen between fork and exec.
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid != 0) return pid;  // the parent, or -1
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

// Polls waitpid until the child exits or the deadline passes.
std::optional<int> WaitPid(pid_t pid, milliseconds deadline) {
  const auto until = Clock::now() + deadline;
  while (true) {
    int status = 0;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return DecodeStatus(status);
    if (r < 0) return -1;
    if (Clock::now() >= until) return std::nullopt;
    std::this_thread::sleep_for(kPoll);
  }
}

std::string MakeTempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/alarmgate-e2e-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) return "";
  return buf.data();
}

// Finds `port=N` on the last line with event=listening.
std::optional<uint16_t> ListeningPort(const std::string& log) {
  std::optional<uint16_t> port;
  std::istringstream lines(log);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find("event=listening") == std::string::npos) continue;
    size_t p = line.find("port=");
    if (p == std::string::npos) continue;
    size_t start = p + 5;
    if (start < line.size() && line[start] == '"') ++start;  // quoted values are fine too
    int v = std::atoi(line.c_str() + start);
    if (v > 0 && v < 65536) port = static_cast<uint16_t>(v);
  }
  return port;
}

}  // namespace

std::string AlarmgateBinary() { return ALARMGATE_BINARY; }

RunResult RunAlarmgate(const std::vector<std::string>& args, milliseconds timeout) {
  RunResult result;
  std::string dir = MakeTempDir();
  std::vector<std::string> argv = {AlarmgateBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_t pid = Spawn(argv, dir + "/out", dir + "/err");
  if (pid > 0) {
    auto code = WaitPid(pid, timeout);
    if (!code) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
    result.exit_code = code.value_or(-1);
  }
  result.out = ReadFile(dir + "/out");
  result.err = ReadFile(dir + "/err");
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return result;
}

AlarmgateProcess::AlarmgateProcess(TestConfig config) : dir_(MakeTempDir()) {
  std::filesystem::create_directories(data_dir());
  WriteConfig(config);
}

AlarmgateProcess::~AlarmgateProcess() {
  if (pid_ > 0) Kill9();
  if (::testing::Test::HasFailure()) {
    std::fprintf(stderr, "[e2e] kept %s (config, data, logs) for inspection\n", dir_.c_str());
    return;
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void AlarmgateProcess::WriteConfigText(const std::string& yaml) const {
  // Written to a temp file and renamed, so a reload never reads half a file.
  std::string tmp = config_path() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << yaml;
  }
  std::filesystem::rename(tmp, config_path());
}

void AlarmgateProcess::WriteRulesText(const std::string& yaml) const {
  std::string tmp = rules_path() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << yaml;
  }
  std::filesystem::rename(tmp, rules_path());
}

std::string AlarmgateProcess::Log() const {
  std::string all;
  for (int i = 0; i < starts_; ++i) all += ReadFile(dir_ + "/stderr." + std::to_string(i) + ".log");
  return all;
}

::testing::AssertionResult AlarmgateProcess::Start(milliseconds deadline) {
  if (pid_ > 0) return ::testing::AssertionFailure() << "already running";
  const std::string err_path = dir_ + "/stderr." + std::to_string(starts_) + ".log";
  ++starts_;
  pid_ = Spawn({AlarmgateBinary(), "--config", config_path(), "--listen",
                "127.0.0.1:" + std::to_string(listen_port_),
                "--data-dir", data_dir()},
               dir_ + "/stdout.log", err_path);
  if (pid_ <= 0) {
    pid_ = -1;
    return ::testing::AssertionFailure() << "posix_spawn " << AlarmgateBinary() << " failed";
  }
  const auto until = Clock::now() + deadline;
  port_ = 0;
  while (port_ == 0) {
    if (auto p = ListeningPort(ReadFile(err_path))) {
      port_ = *p;
      break;
    }
    if (auto code = WaitPid(pid_, milliseconds(0))) {
      pid_ = -1;
      return ::testing::AssertionFailure()
             << "alarmgate exited with " << *code << " before listening; log:\n"
             << ReadFile(err_path);
    }
    if (Clock::now() >= until) {
      return ::testing::AssertionFailure()
             << "no event=listening port=N in the log within " << deadline.count() << " ms; log:\n"
             << ReadFile(err_path);
    }
    std::this_thread::sleep_for(kPoll);
  }
  HttpClient client(port_, milliseconds(1000));
  int last_status = 0;
  while (true) {
    HttpResult r = client.Get("/-/ready");
    last_status = r.status;
    if (r.status == 200) return ::testing::AssertionSuccess();
    if (auto code = WaitPid(pid_, milliseconds(0))) {
      pid_ = -1;
      return ::testing::AssertionFailure()
             << "alarmgate exited with " << *code << " before ready; log:\n"
             << ReadFile(err_path);
    }
    if (Clock::now() >= until) {
      return ::testing::AssertionFailure() << "GET /-/ready not 200 within " << deadline.count()
                                           << " ms (last " << last_status << "); log:\n"
                                           << ReadFile(err_path);
    }
    std::this_thread::sleep_for(kPoll);
  }
}

bool AlarmgateProcess::Signal(int sig) const { return pid_ > 0 && kill(pid_, sig) == 0; }

void AlarmgateProcess::Kill9() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::optional<int> AlarmgateProcess::WaitForExit(milliseconds deadline) {
  if (pid_ <= 0) return std::nullopt;
  auto code = WaitPid(pid_, deadline);
  if (code) pid_ = -1;
  return code;
}

std::optional<int> AlarmgateProcess::Terminate(milliseconds deadline) {
  if (!Signal(SIGTERM)) return std::nullopt;
  return WaitForExit(deadline);
}

}  // namespace alarmgate::e2e
