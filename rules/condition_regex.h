#pragma once
// How every regex condition is compiled, wherever it comes from (a rules file, the API, storage):
// one set of RE2 options, so that a pattern means the same after it was stored and read back.

#include "core/status.h"
#include "rules/condition.h"

namespace alarmgate {

// Compiles `condition.pattern` into `condition.regex`. InvalidArgument carrying RE2's message when
// the pattern does not compile (nothing is logged; `condition.regex` is left as it was).
Status CompileConditionRegex(Condition& condition);

}  // namespace alarmgate
