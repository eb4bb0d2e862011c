#pragma once
// "did you mean" for unknown keys in config and rules files: the allowed name closest to a typo.

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace alarmgate {

// Levenshtein distance.
inline size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// The candidate within two edits of `typo`, nearest first; "" when none is that close.
template <typename Candidates>
std::string_view NearMiss(std::string_view typo, const Candidates& candidates) {
  std::string_view best;
  size_t best_distance = 3;
  for (std::string_view c : candidates) {
    const size_t d = EditDistance(typo, c);
    if (d < best_distance) best_distance = d, best = c;
  }
  return best;
}

}  // namespace alarmgate
