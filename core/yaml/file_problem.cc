// FileProblem's one printed form, shared by --check-config, reload answers and logs.

#include "core/yaml/file_problem.h"

namespace alarmgate {

std::string FileProblem::ToString() const {
  if (line <= 0) return file + ": " + message;
  return file + ":" + std::to_string(line) + ": " + message;
}

}  // namespace alarmgate
