// Tests for ParseConnection: every accepted form and every refusal, as a table.

#include "inventory/connection.h"

#include <gtest/gtest.h>

#include <string>

namespace alarmgate {
namespace {

struct Accepted {
  const char* text;
  Connection want;
};

TEST(ParseConnectionTest, Accepts) {
  using K = Connection::Kind;
  const Accepted rows[] = {
      {"local", {K::kLocal, "", "", 22}},
      {"ssh://ops@web-01", {K::kSsh, "ops", "web-01", 22}},
      {"ssh://ops@web-01.example.com:2222", {K::kSsh, "ops", "web-01.example.com", 2222}},
      {"ssh://Ops.x_y-z@WEB-01.Example.COM", {K::kSsh, "Ops.x_y-z", "web-01.example.com", 22}},
      {"ssh://root@10.0.0.7:22", {K::kSsh, "root", "10.0.0.7", 22}},
      {"ssh://root@10.0.0.7:65535", {K::kSsh, "root", "10.0.0.7", 65535}},
      {"ssh://root@[::1]", {K::kSsh, "root", "::1", 22}},
      {"ssh://root@[fe80::1]:1", {K::kSsh, "root", "fe80::1", 1}},
  };
  for (const Accepted& row : rows) {
    Result<Connection> c = ParseConnection(row.text);
    ASSERT_TRUE(c.ok()) << row.text << ": " << c.status().message();
    EXPECT_EQ(*c, row.want) << row.text;
  }
}

struct Refused {
  const char* text;
  const char* message_part;
};

TEST(ParseConnectionTest, Refuses) {
  const Refused rows[] = {
      {"", "must be local or ssh://user@host[:port]"},
      {"Local", "must be local or ssh://user@host[:port]"},
      {"ssh:/ops@web", "must be local or ssh://user@host[:port]"},
      {"ops@web", "must be local or ssh://user@host[:port]"},
      {"ssh://web-01", "needs a user"},
      {"ssh://@web-01", "has a bad user"},
      {"ssh://-oProxyCommand=x@web-01", "has a bad user"},
      {"ssh://o p@web-01", "has a bad user"},
      {"ssh://abcdefghijabcdefghijabcdefghijabc@web-01", "has a bad user"},  // 33 characters
      {"ssh://ops@", "has a bad host"},
      {"ssh://ops@web_01", "has a bad host"},
      {"ssh://ops@-web", "has a bad host"},
      {"ssh://ops@a@b", "has a bad host"},
      {"ssh://ops@[::1", "has a bad host"},
      {"ssh://ops@[nonsense]:22", "has a bad host"},
      {"ssh://ops@::1", "an IPv6 address must be in brackets"},
      {"ssh://ops@web:0", "has a bad port: it must be between 1 and 65535"},
      {"ssh://ops@web:65536", "has a bad port"},
      {"ssh://ops@web:", "has a bad port"},
      {"ssh://ops@web:22x", "has a bad port"},
      {"ssh://ops@web:+22", "has a bad port"},
      {"ssh://ops@web:022222", "has a bad port"},
      {"ssh://ops@web/path", "has a bad host"},
      {"ssh://ops@[::1]2222", "has a bad port"},
  };
  for (const Refused& row : rows) {
    Result<Connection> c = ParseConnection(row.text);
    ASSERT_FALSE(c.ok()) << row.text;
    EXPECT_NE(c.status().message().find(row.message_part), std::string::npos)
        << row.text << ": " << c.status().message();
  }
}

}  // namespace
}  // namespace alarmgate
