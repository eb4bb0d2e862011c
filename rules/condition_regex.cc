// CompileConditionRegex: RE2's default options, its error log off (callers report the error).

#include "rules/condition_regex.h"

#include <re2/re2.h>

#include <memory>
#include <utility>

namespace alarmgate {

Status CompileConditionRegex(Condition& condition) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<const re2::RE2>(condition.pattern, options);
  if (!re->ok()) return Status::InvalidArgument(re->error());
  condition.regex = std::move(re);
  return Status::Ok();
}

}  // namespace alarmgate
