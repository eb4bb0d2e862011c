#pragma once
// Reads values out of a Prometheus text exposition. Label order in the query does not matter.

#include <optional>
#include <string>
#include <string_view>

namespace alarmgate::e2e {

// The value of the one series `name{a="x",b="y"}` with exactly these labels (or `name` for none).
std::optional<double> MetricValue(std::string_view text, std::string_view series);

// The sum over every series of `name` whose labels include the given ones; nullopt when none match.
std::optional<double> MetricSum(std::string_view text, std::string_view series);

// True when the exposition declares the family (`# TYPE name ...`) or has a sample of it.
bool HasMetricFamily(std::string_view text, std::string_view name);

// The declared type of a family ("counter", "gauge", "histogram", ...), or "" when undeclared.
std::string MetricType(std::string_view text, std::string_view name);

}  // namespace alarmgate::e2e
