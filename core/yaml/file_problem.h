#pragma once
// One problem found in a file that alarmgate reads (config, rules, inventory): where it is and
// what is wrong, printed as "file:line: message" so that editors and terminals can jump to it.

#include <string>

namespace alarmgate {

struct FileProblem {
  std::string file;
  int line = 0;  // 1-based; 0 only for a problem with the whole file (it cannot be read)
  std::string message;

  // "file:line: message"; "file: message" for a whole-file problem, never "file:0: message".
  std::string ToString() const;
};

}  // namespace alarmgate
