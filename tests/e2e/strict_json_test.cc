// Strict JSON (contract §4.4): bodies that a lenient parser would take are refused whole, with a
// message that says what is wrong, and nothing is stored.

#include <algorithm>
#include <cctype>
#include <ostream>
#include <string>
#include <vector>

#include "tests/e2e/e2e_test_base.h"

namespace alarmgate::e2e {
namespace {

// A valid alarm body for `id` whose `additional` is `additional`.
std::string Body(const std::string& id, const std::string& additional = "{}") {
  CocAlarm a;
  a.alarm_id = id;
  a.additional_json = additional;
  return a.ToJson();
}

// `additional` nested so that the whole body is `depth` levels deep (the body object is level 1).
std::string Nested(int depth) {
  std::string open, close;
  for (int i = 0; i < depth - 2; ++i) {
    open += "{\"a\":";
    close += "}";
  }
  return open + "{}" + close;
}

struct StrictCase {
  const char* name;
  std::string id;
  std::string body;
  std::vector<std::string> message_mentions_one_of;  // lower-case
};

// Test names instead of a byte dump in failure messages.
void PrintTo(const StrictCase& c, std::ostream* os) { *os << c.name; }

std::vector<StrictCase> Cases() {
  std::string dup = Body("dupkey");
  dup.insert(1, "\"alarmId\":\"other\",");
  std::string bad_utf8 = Body("badutf8");
  bad_utf8.replace(bad_utf8.find("Cpu usage"), 3, "\xff\xfe\xfd");
  std::string huge_time = Body("hugetime");
  size_t t = huge_time.find(std::to_string(kSeedTime));
  huge_time.replace(t, std::to_string(kSeedTime).size(), "1e400");
  return {
      {"trailing_data", "trailing", Body("trailing") + " x", {"trailing"}},
      {"two_values", "twovalues", Body("twovalues") + Body("twovalues"), {"trailing"}},
      {"duplicate_key", "dupkey", dup, {"duplicate"}},
      {"depth_65", "deep", Body("deep", Nested(65)), {"deep", "depth", "nest"}},
      {"invalid_utf8", "badutf8", bad_utf8, {"utf-8", "utf8", "unicode"}},
      {"number_out_of_range", "hugetime", huge_time, {"range", "number", "time"}},
  };
}

class StrictJsonTest : public E2eTest, public ::testing::WithParamInterface<StrictCase> {
 protected:
  void SetUp() override { StartServer(); }
};

TEST_P(StrictJsonTest, IsRefusedWithAClearMessageAndNothingStored) {
  const StrictCase& c = GetParam();
  HttpResult r = client_->Post(CocPath(kCocKey), c.body);
  ExpectIngestError(r, 400, "COC.00000001");
  std::string msg = JsonDoc(r.body).String("/error_msg").value_or("");
  std::string lower = msg;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char ch) { return std::tolower(ch); });
  bool mentioned = std::any_of(c.message_mentions_one_of.begin(), c.message_mentions_one_of.end(),
                               [&](const std::string& w) { return lower.find(w) != lower.npos; });
  EXPECT_TRUE(mentioned) << "error_msg: " << msg;
  EXPECT_EQ(GetAlarm(Fingerprint(kCocName, c.id)).status, 404);
  EXPECT_EQ(GetAlarm(Fingerprint(kCocName, "other")).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Bodies, StrictJsonTest, ::testing::ValuesIn(Cases()),
                         [](const auto& info) { return std::string(info.param.name); });

class StrictJsonBoundaryTest : public E2eTest {
 protected:
  void SetUp() override { StartServer(); }
};

TEST_F(StrictJsonBoundaryTest, Depth64IsAccepted) {
  HttpResult r = client_->Post(CocPath(kCocKey), Body("deep64", Nested(64)));
  EXPECT_EQ(r.status, 200) << r.body;
}

}  // namespace
}  // namespace alarmgate::e2e
