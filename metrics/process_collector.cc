#include "metrics/process_collector.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace alarmgate {
namespace {

prometheus::MetricFamily Single(const char* name, const char* help, prometheus::MetricType type,
                                double value) {
  prometheus::MetricFamily f;
  f.name = name;
  f.help = help;
  f.type = type;
  prometheus::ClientMetric m;
  if (type == prometheus::MetricType::Counter) {
    m.counter.value = value;
  } else {
    m.gauge.value = value;
  }
  f.metric.push_back(m);
  return f;
}

int CountOpenFds() {
  int n = 0;
  if (DIR* d = opendir("/proc/self/fd")) {
    while (dirent* e = readdir(d)) {
      if (e->d_name[0] != '.') ++n;
    }
    closedir(d);
    --n;  // the descriptor opendir itself holds
  }
  return n;
}

}  // namespace

std::vector<prometheus::MetricFamily> ProcessCollector::Collect() const {
  using prometheus::MetricType;
  std::vector<prometheus::MetricFamily> out;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));

  // /proc/self/stat: fields after the parenthesised command name; see proc(5).
  std::ifstream stat("/proc/self/stat");
  std::string line;
  if (std::getline(stat, line)) {
    auto close = line.rfind(')');
    std::istringstream rest(line.substr(close + 2));
    std::string field;
    std::vector<std::string> f;
    while (rest >> field) f.push_back(field);
    // f[0] is field 3 (state): utime = field 14, stime = 15, starttime = 22, vsize = 23, rss = 24.
    if (f.size() > 21) {
      double cpu = (std::stod(f[11]) + std::stod(f[12])) / ticks;
      out.push_back(Single("process_cpu_seconds_total", "User and system CPU time spent in seconds",
                           MetricType::Counter, cpu));
      out.push_back(Single("process_virtual_memory_bytes", "Virtual memory size in bytes",
                           MetricType::Gauge, std::stod(f[20])));
      out.push_back(Single("process_resident_memory_bytes", "Resident memory size in bytes",
                           MetricType::Gauge, std::stod(f[21]) * page));
      std::ifstream uptime("/proc/uptime");
      double up = 0;
      uptime >> up;
      const double boot = static_cast<double>(time(nullptr)) - up;
      out.push_back(Single("process_start_time_seconds",
                           "Start time of the process since unix epoch in seconds",
                           MetricType::Gauge, boot + std::stod(f[19]) / ticks));
    }
  }
  out.push_back(Single("process_open_fds", "Number of open file descriptors", MetricType::Gauge,
                       CountOpenFds()));
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0) {
    out.push_back(Single("process_max_fds", "Maximum number of open file descriptors",
                         MetricType::Gauge, static_cast<double>(lim.rlim_cur)));
  }
  return out;
}

}  // namespace alarmgate
