#pragma once
// Collects validation problems so that a request hears about all of them at once: "<subject>
// <rule>" messages joined with " | " (the contract's format), or one per line where a protocol
// wants a list (PagerDuty's errors[]).

#include <string>
#include <string_view>
#include <utility>

namespace alarmgate {

class ProblemList {
 public:
  explicit ProblemList(std::string_view separator = " | ") : separator_(separator) {}

  void Add(std::string_view message) {
    if (!text_.empty()) text_ += separator_;
    text_.append(message);
  }
  // "<prefix><subject> <rule>", e.g. "[3]." "time" "must be an integer".
  void Add(std::string_view prefix, std::string_view subject, std::string_view rule) {
    if (!text_.empty()) text_ += separator_;
    text_.append(prefix).append(subject).append(" ").append(rule);
  }
  void Add(std::string_view subject, std::string_view rule) { Add("", subject, rule); }

  bool empty() const { return text_.empty(); }
  std::string Take() { return std::move(text_); }

 private:
  std::string separator_;
  std::string text_;
};

}  // namespace alarmgate
