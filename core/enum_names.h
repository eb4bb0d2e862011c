#pragma once
// Enums whose values index a table of wire names: the lookup by name, shared by every module's
// enum tables (incidents, scripts, …) so none carries its own copy.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace alarmgate {

// The enum value whose row's name (`name_of(row)`) is exactly `name`.
template <typename E, typename Row, size_t N, typename NameOf>
std::optional<E> EnumByName(const std::array<Row, N>& rows, std::string_view name,
                            NameOf name_of) {
  for (size_t i = 0; i < N; ++i) {
    if (name_of(rows[i]) == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

template <typename E, size_t N>
std::optional<E> EnumByName(const std::array<std::string_view, N>& names, std::string_view name) {
  return EnumByName<E>(names, name, [](std::string_view n) { return n; });
}

}  // namespace alarmgate
