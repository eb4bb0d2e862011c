// A minimal parser of the Prometheus text format: enough to match series by name and label set.

#include "tests/e2e/harness/metrics_text.h"

#include <cstdlib>
#include <map>
#include <sstream>

namespace alarmgate::e2e {

namespace {

struct Series {
  std::string name;
  std::map<std::string, std::string> labels;
};

// Parses `name{k="v",...}` (escapes \" \\ \n in values); returns the position after it.
bool ParseSeries(std::string_view s, Series* out, size_t* end) {
  size_t i = 0;
  while (i < s.size() && s[i] != '{' && s[i] != ' ') ++i;
  out->name = std::string(s.substr(0, i));
  out->labels.clear();
  if (i < s.size() && s[i] == '{') {
    ++i;
    while (i < s.size() && s[i] != '}') {
      size_t eq = s.find('=', i);
      if (eq == std::string_view::npos || eq + 1 >= s.size() || s[eq + 1] != '"') return false;
      std::string key(s.substr(i, eq - i));
      std::string value;
      size_t j = eq + 2;
      for (; j < s.size() && s[j] != '"'; ++j) {
        if (s[j] == '\\' && j + 1 < s.size()) {
          ++j;
          value.push_back(s[j] == 'n' ? '\n' : s[j]);
        } else {
          value.push_back(s[j]);
        }
      }
      if (j >= s.size()) return false;
      out->labels[key] = value;
      i = j + 1;
      if (i < s.size() && s[i] == ',') ++i;
    }
    if (i >= s.size()) return false;
    ++i;  // '}'
  }
  *end = i;
  return true;
}

template <typename Fn>
void ForEachSample(std::string_view text, Fn fn) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (line.empty() || line[0] == '#') continue;
    Series series;
    size_t end = 0;
    if (!ParseSeries(line, &series, &end)) continue;
    std::string rest(line.substr(end));
    fn(series, std::strtod(rest.c_str(), nullptr));
  }
}

}  // namespace

std::optional<double> MetricValue(std::string_view text, std::string_view query) {
  Series want;
  size_t end = 0;
  if (!ParseSeries(query, &want, &end)) return std::nullopt;
  std::optional<double> found;
  ForEachSample(text, [&](const Series& s, double v) {
    if (s.name == want.name && s.labels == want.labels) found = v;
  });
  return found;
}

std::optional<double> MetricSum(std::string_view text, std::string_view query) {
  Series want;
  size_t end = 0;
  if (!ParseSeries(query, &want, &end)) return std::nullopt;
  std::optional<double> sum;
  ForEachSample(text, [&](const Series& s, double v) {
    if (s.name != want.name) return;
    for (const auto& [k, val] : want.labels) {
      auto it = s.labels.find(k);
      if (it == s.labels.end() || it->second != val) return;
    }
    sum = sum.value_or(0) + v;
  });
  return sum;
}

std::string MetricType(std::string_view text, std::string_view name) {
  std::string prefix = "# TYPE " + std::string(name) + " ";
  size_t pos = text.find(prefix);
  while (pos != std::string_view::npos && pos != 0 && text[pos - 1] != '\n') {
    pos = text.find(prefix, pos + 1);
  }
  if (pos == std::string_view::npos) return "";
  size_t start = pos + prefix.size();
  size_t nl = text.find('\n', start);
  return std::string(text.substr(start, nl == std::string_view::npos ? text.npos : nl - start));
}

bool HasMetricFamily(std::string_view text, std::string_view name) {
  if (!MetricType(text, name).empty()) return true;
  bool found = false;
  ForEachSample(text, [&](const Series& s, double) {
    if (s.name == name) found = true;
  });
  return found;
}

}  // namespace alarmgate::e2e
