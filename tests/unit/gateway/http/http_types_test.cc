// HttpRequest::QueryParam decoding and the edge's JsonError body.
#include "gateway/http/http_types.h"

#include <gtest/gtest.h>

namespace alarmgate {
namespace {

TEST(QueryParamTest, DecodesTable) {
  struct Case {
    std::string query;
    std::string name;
    std::optional<std::string> want;
  };
  const std::vector<Case> cases = {
      {"status=alarm&limit=10", "limit", "10"},
      {"status=alarm&limit=10", "status", "alarm"},
      {"status=alarm&limit=10", "marker", std::nullopt},
      {"q=a+b%20c", "q", "a b c"},           // '+' and %20 are spaces
      {"q=%2B%26%3D", "q", "+&="},           // encoded delimiters are data
      {"q=%zz%4", "q", "%zz%4"},             // broken escapes are kept literally
      {"a=1&a=2", "a", "1"},                 // the first one wins
      {"flag&x=1", "flag", ""},              // a name without '=' has an empty value
      {"&&x=1&", "x", "1"},                  // empty pairs are skipped
      {"my%20key=v", "my key", "v"},         // names are decoded too
      {"x=%E4%B8%AD", "x", "\xE4\xB8\xAD"},  // UTF-8 bytes
      {"", "x", std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.query + " / " + c.name);
    HttpRequest req;
    req.query = c.query;
    EXPECT_EQ(req.QueryParam(c.name), c.want);
  }
}

TEST(JsonErrorTest, BuildsEscapedEnvelope) {
  HttpResponse res = JsonError(404, "COC.00000404", "no endpoint GET /a\"b");
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.body, R"({"error_code":"COC.00000404","error_msg":"no endpoint GET /a\"b"})");
  EXPECT_EQ(res.content_type, "application/json;charset=utf-8");
}

}  // namespace
}  // namespace alarmgate
