// The incident center over HTTP (seed 003 §4.4.1, contract §3, §6): the seed's request examples
// replayed and their answers compared with the seed's response examples, the lifecycle's refusals,
// validation, 404s, the timeline, management auth, and racing operators.

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/e2e_test_base.h"
#include "tests/e2e/harness/incident_requests.h"

namespace alarmgate::e2e {
namespace {

class IncidentApiTest : public E2eTest {
 protected:
  void SetUp() override { StartServer(); }

  std::string Create(const IncidentSpec& spec = IncidentSpec()) {
    HttpResult r;
    std::string num = CreateIncident(*client_, spec, &r);
    EXPECT_TRUE(LooksLikeIncidentNum(num)) << r.status << " " << r.body;
    return num;
  }
  HttpResult Handle(const std::string& body) { return HandleIncident(*client_, body); }
  std::string StatusOf(const std::string& num) { return IncidentStatusOf(*client_, num); }
  size_t IncidentCount() {
    HttpResult r = client_->Get(std::string(kIncidentListPath) + "?limit=100", OpsAuth());
    EXPECT_EQ(r.status, 200) << r.body;
    return JsonDoc(r.body).ArraySize("/data/incidents").value_or(999);
  }
};

bool Contains(const std::optional<std::string>& text, std::string_view part) {
  return text && text->find(part) != std::string::npos;
}

// Compares an answer with a seed response example: the same top-level keys, the same
// provider_code, error_code and error_msg, and `data` null in both or an object with the same
// keys in both (values are ids and compared by the caller).
void ExpectSeedShape(const HttpResult& r, const char* seed_example) {
  EXPECT_EQ(r.status, 200) << r.body;
  JsonDoc got(r.body);
  JsonDoc seed(seed_example);
  ASSERT_TRUE(got.ok()) << got.error();
  ASSERT_TRUE(seed.ok()) << seed.error();
  EXPECT_EQ(got.Keys(""), seed.Keys("")) << r.body;
  for (const char* key : {"/provider_code", "/error_code"}) {
    EXPECT_EQ(got.String(key), seed.String(key)) << key << " in " << r.body;
  }
  EXPECT_TRUE(got.IsNull("/error_msg")) << r.body;
  EXPECT_EQ(got.Type("/data"), seed.Type("/data")) << r.body;
  EXPECT_EQ(got.Keys("/data"), seed.Keys("/data")) << r.body;
}

// The GOM error envelope of contract §3 with `http_status` and `code`; returns the message.
std::optional<std::string> ExpectGomError(const HttpResult& r, int http_status,
                                          const std::string& code) {
  EXPECT_EQ(r.status, http_status) << r.body;
  JsonDoc doc(r.body);
  EXPECT_TRUE(doc.ok()) << doc.error();
  EXPECT_EQ(doc.String("/provider_code"), "049") << r.body;
  EXPECT_EQ(doc.String("/error_code"), code) << r.body;
  EXPECT_TRUE(doc.IsNull("/data")) << r.body;
  EXPECT_TRUE(doc.String("/error_msg").has_value()) << r.body;
  return doc.String("/error_msg");
}

// One TicketInfoEnumData as minified JSON, for comparing whole entries.
std::string EnumEntry(const JsonDoc& doc, const std::string& list, const std::string& filed_key) {
  for (size_t i = 0; i < doc.ArraySize(list).value_or(0); ++i) {
    std::string entry = list + "/" + std::to_string(i);
    if (doc.String(entry + "/filed_key") == filed_key) return doc.Minified(entry).value_or("");
  }
  return "";
}

std::vector<std::string> FiledKeys(const JsonDoc& doc, const std::string& list) {
  std::vector<std::string> keys;
  for (size_t i = 0; i < doc.ArraySize(list).value_or(0); ++i) {
    keys.push_back(doc.String(list + "/" + std::to_string(i) + "/filed_key").value_or("?"));
  }
  return keys;
}

// Seed §4.4.1.1-4.4.1.4: each request example sent as printed (only the incident number replaced
// by the one create returned); each answer has the seed's response shape and does what it says.
TEST_F(IncidentApiTest, SeedRequestExamplesReplayed) {
  HttpResult created = client_->Post(kIncidentCreatePath, kSeedCreateIncidentBody, OpsAuth());
  ExpectSeedShape(created, kSeedCreateIncidentResponse);
  std::string num = JsonDoc(created.body).String("/data/incident_num").value_or("");
  ASSERT_TRUE(LooksLikeIncidentNum(num)) << created.body;
  EXPECT_NE(created.Header("content-type").value_or("").find("application/json"),
            std::string::npos);

  // Everything the create example sent is in the detail; "true" (a string) became a boolean.
  HttpResult r = GetIncident(*client_, num);
  ASSERT_EQ(r.status, 200) << r.body;
  JsonDoc detail(r.body);
  EXPECT_EQ(detail.String("/data/incident_num"), num);
  EXPECT_EQ(detail.Minified("/data/region"), R"(["cn-southwest-252"])");
  EXPECT_EQ(detail.Minified("/data/enterprise_project"),
            R"(["ab080d9f-6b97-4e73-8679-b6d76057f274"])");
  EXPECT_EQ(detail.Minified("/data/current_cloud_service"), R"(["65659ae2f42bf80e5f3f0635"])");
  EXPECT_EQ(detail.String("/data/incident_level"), "level_50");
  EXPECT_EQ(detail.Bool("/data/is_service_interrupt"), true) << r.body;
  EXPECT_EQ(detail.String("/data/incident_type"), "inc_type_p_security_issues");
  EXPECT_EQ(detail.String("/data/incident_title"), "测试时间单号10001");
  EXPECT_EQ(detail.String("/data/incident_description"), "测试时间单号10001");
  EXPECT_EQ(detail.String("/data/incident_source"), "incident_source_manual");
  EXPECT_EQ(detail.Minified("/data/incident_assignee"), R"(["7da46971b7e24eed90cf777cc2ff8b91"])");
  EXPECT_EQ(detail.String("/data/assignee_scene"), "");
  EXPECT_EQ(detail.String("/data/assignee_role"), "");
  EXPECT_EQ(detail.String("/data/creator"), "7da46971b7e24eed90cf777cc2ff8b91");
  EXPECT_EQ(detail.String("/data/status"), kTriggered);
  EXPECT_TRUE(detail.IsNull("/data/handle_time")) << r.body;
  const int64_t create_time = detail.Int("/data/create_time").value_or(0);
  EXPECT_GT(create_time, 1'700'000'000'000) << "epoch milliseconds: " << r.body;
  EXPECT_EQ(EnumEntry(detail, "/data/enum_data_list", "mtm_type"),
            R"({"filed_key":"mtm_type","enum_key":"inc_type_p_security_issues",)"
            R"("name_zh":"安全问题","name_en":"Security issues"})");
  EXPECT_EQ(EnumEntry(detail, "/data/enum_data_list", "work_flow_status"),
            R"({"filed_key":"work_flow_status","enum_key":"INCIDENT_STATUS_TRIGGERED",)"
            R"("name_zh":"未受理","name_en":"TRIGGERED"})");

  // §4.4.1.2 accept.
  r = Handle(ReplaceAll(kSeedAcceptIncidentBody, kSeedIncidentNum, num));
  ExpectSeedShape(r, kSeedHandleIncidentResponse);
  EXPECT_EQ(StatusOf(num), kAcknowledged);

  // §4.4.1.3 commit solution: RESOLVED, handle_time set, the type judged at resolution.
  r = Handle(ReplaceAll(kSeedCommitSolutionBody, kSeedIncidentNum, num));
  ExpectSeedShape(r, kSeedHandleIncidentResponse);
  r = GetIncident(*client_, num);
  detail = JsonDoc(r.body);
  EXPECT_EQ(detail.String("/data/status"), kResolved) << r.body;
  EXPECT_GE(detail.Int("/data/handle_time").value_or(0), create_time) << r.body;
  EXPECT_EQ(detail.String("/data/incident_type"), "inc_type_p_config_issues") << r.body;
  EXPECT_EQ(detail.Bool("/data/is_service_interrupt"), true) << r.body;

  // §4.4.1.4 confirm with virtual_confirm_result false: back to the resolver.
  r = Handle(ReplaceAll(kSeedConfirmBody, kSeedIncidentNum, num));
  ExpectSeedShape(r, kSeedHandleIncidentResponse);
  EXPECT_EQ(StatusOf(num), kRejected);
}

// Seed §4.4.1.5: an incident made of the detail example's values, acknowledged as it is there,
// answers key for key what the example shows, ids and times aside.
TEST_F(IncidentApiTest, DetailMatchesSeedResponseExample) {
  IncidentSpec spec;
  spec.region = "";
  spec.current_cloud_service = "6470681a31da2a47ed50a919";
  spec.level = "level_50";
  spec.is_service_interrupt = "true";
  spec.type = "inc_type_p_function_issues";
  spec.title = "tet";
  spec.description = "25819b46251b46218bf6ad238ddd860c";
  spec.source = "incident_source_manual";
  spec.assignee = "25819b46251b46218bf6ad238ddd860c";
  spec.assignee_scene = "";
  spec.assignee_role = "";
  spec.creator = "1";
  std::string body = spec.ToJson();
  body.insert(1, R"("enterprise_project":["0"],)");
  HttpResult created = client_->Post(kIncidentCreatePath, body, OpsAuth());
  ASSERT_EQ(created.status, 200) << created.body;
  std::string num = JsonDoc(created.body).String("/data/incident_num").value_or("");
  ASSERT_EQ(Handle(AcceptBody(num, "25819b46251b46218bf6ad238ddd860c")).status, 200);

  HttpResult r = GetIncident(*client_, num);
  ASSERT_EQ(r.status, 200) << r.body;
  JsonDoc got(r.body);
  JsonDoc seed(SeedIncidentDetailResponse());
  ASSERT_TRUE(got.ok()) << got.error();
  ASSERT_TRUE(seed.ok()) << seed.error();
  EXPECT_EQ(got.String("/provider_code"), "049");
  EXPECT_EQ(got.String("/error_code"), "GOM.00000000");
  EXPECT_TRUE(got.IsNull("/error_msg")) << r.body;
  EXPECT_EQ(got.Keys("/data"), seed.Keys("/data")) << r.body;

  // Ids and times: present, of their kind.
  const std::set<std::string> ids_and_times = {"incident_num", "warroom_id", "create_time",
                                               "enum_data_list"};
  EXPECT_EQ(got.String("/data/incident_num"), num);
  EXPECT_TRUE(got.IsNull("/data/warroom_id") || got.String("/data/warroom_id").has_value());
  EXPECT_TRUE(got.Int("/data/create_time").has_value()) << r.body;
  for (const std::string& key : seed.Keys("/data")) {
    if (ids_and_times.count(key)) continue;
    EXPECT_EQ(got.Minified("/data/" + key), seed.Minified("/data/" + key)) << key;
  }

  // enum_data_list: the seed's entries in its order; the enumerations exactly, the id entries
  // keyed by the incident's ids (alarmgate has no directory to name them from).
  const std::string list = "/data/enum_data_list";
  EXPECT_EQ(FiledKeys(got, list), FiledKeys(seed, list)) << r.body;
  for (const char* key : {"level_id", "work_flow_status", "mtm_type", "source_id"}) {
    EXPECT_EQ(EnumEntry(got, list, key), EnumEntry(seed, list, key)) << key;
  }
  struct IdEntry {
    const char* filed_key;
    std::string id;
  };
  for (const IdEntry& e :
       {IdEntry{"current_cloud_service_id", "6470681a31da2a47ed50a919"}, IdEntry{"creator", "1"},
        IdEntry{"assignee", "25819b46251b46218bf6ad238ddd860c"}}) {
    JsonDoc entry(EnumEntry(got, list, e.filed_key));
    EXPECT_EQ(entry.String("/enum_key"), e.id) << e.filed_key;
    EXPECT_FALSE(entry.String("/name_zh").value_or("").empty()) << e.filed_key;
    EXPECT_FALSE(entry.String("/name_en").value_or("").empty()) << e.filed_key;
  }
}

enum class Op { kAccept, kCommit, kConfirmTrue, kConfirmFalse };

std::string OpBody(Op op, const std::string& num) {
  switch (op) {
    case Op::kAccept:
      return AcceptBody(num);
    case Op::kCommit:
      return CommitSolutionBody(num);
    case Op::kConfirmTrue:
      return ConfirmBody(num, true);
    case Op::kConfirmFalse:
      return ConfirmBody(num, false);
  }
  return "";
}

const char* OpName(Op op) {
  switch (op) {
    case Op::kAccept:
      return "acceptedIncident1";
    case Op::kCommit:
      return "commitSolution1";
    case Op::kConfirmTrue:
      return "confirm(true)";
    case Op::kConfirmFalse:
      return "confirm(false)";
  }
  return "";
}

// contract §6: every (status, operate_key) pair the lifecycle does not list is a 409 naming the
// current status, and changes nothing.
TEST_F(IncidentApiTest, EveryRefusedTransitionIs409NamingTheStatus) {
  struct Row {
    const char* status;
    const char* name;      // how the message names it
    std::vector<Op> path;  // how an incident gets there
    std::vector<Op> refused;
  };
  const std::vector<Row> rows = {
      {kTriggered, "TRIGGERED", {}, {Op::kCommit, Op::kConfirmTrue, Op::kConfirmFalse}},
      {kAcknowledged,
       "ACKNOWLEDGED",
       {Op::kAccept},
       {Op::kAccept, Op::kConfirmTrue, Op::kConfirmFalse}},
      {kResolved, "RESOLVED", {Op::kAccept, Op::kCommit}, {Op::kAccept, Op::kCommit}},
      {kRejected,
       "REJECTED",
       {Op::kAccept, Op::kCommit, Op::kConfirmFalse},
       {Op::kAccept, Op::kConfirmTrue, Op::kConfirmFalse}},
      {kCompleted,
       "COMPLETED",
       {Op::kAccept, Op::kCommit, Op::kConfirmTrue},
       {Op::kAccept, Op::kCommit, Op::kConfirmTrue, Op::kConfirmFalse}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.status);
    std::string num = Create();
    for (Op op : row.path) ASSERT_EQ(Handle(OpBody(op, num)).status, 200) << OpName(op);
    ASSERT_EQ(StatusOf(num), row.status);
    const std::string before = GetIncident(*client_, num).body;
    for (Op op : row.refused) {
      SCOPED_TRACE(OpName(op));
      HttpResult r = Handle(OpBody(op, num));
      auto msg = ExpectGomError(r, 409, "GOM.00000409");
      EXPECT_TRUE(Contains(msg, row.name)) << r.body;
      EXPECT_EQ(GetIncident(*client_, num).body, before) << "a refused operation changed it";
    }
  }
}

// Seed §4.4.1.2's error table and contract §3: 400s name the field and the rule; nothing is
// created or changed.
TEST_F(IncidentApiTest, InvalidRequestsAre400NamingTheField) {
  std::string num = Create();
  ASSERT_EQ(IncidentCount(), 1u);

  IncidentSpec long_title;
  long_title.title = std::string(201, 'a');
  IncidentSpec no_level;
  no_level.level.reset();
  IncidentSpec no_assignee;
  no_assignee.assignee.reset();
  IncidentSpec empty_assignee_forms;
  empty_assignee_forms.assignee.reset();
  empty_assignee_forms.assignee_scene = "";
  empty_assignee_forms.assignee_role = "";
  IncidentSpec bad_level;
  bad_level.level = "level_60";
  IncidentSpec bad_type;
  bad_type.type = "inc_type_p_nonsense";
  IncidentSpec no_creator;
  no_creator.creator.reset();
  struct Row {
    const char* name;
    std::string path;
    std::string body;
    std::string message_part;
    bool exact = false;
  };
  const std::string long_num(256, '1');
  const std::vector<Row> rows = {
      {"title of 201 characters", kIncidentCreatePath, long_title.ToJson(),
       "incident_title size must be between 0 and 200", true},
      {"incident_level missing", kIncidentCreatePath, no_level.ToJson(), "incident_level"},
      {"incident_level unknown", kIncidentCreatePath, bad_level.ToJson(), "incident_level"},
      {"incident_type unknown", kIncidentCreatePath, bad_type.ToJson(), "incident_type"},
      {"creator missing", kIncidentCreatePath, no_creator.ToJson(), "creator"},
      {"no assignee of either form", kIncidentCreatePath, no_assignee.ToJson(),
       "incident_assignee"},
      {"empty scene and role, no assignee", kIncidentCreatePath, empty_assignee_forms.ToJson(),
       "incident_assignee"},
      {"not JSON", kIncidentCreatePath, "{\"incident_level\":", ""},
      {"unknown operate_key", kIncidentHandlePath,
       R"({"incident_num":")" + num +
           R"(","operator":"op","operate_key":"acceptedIncident111","parameter":{}})",
       "The field[operate_key] value[acceptedIncident111] invalid", true},
      {"incident_num over 255", kIncidentHandlePath, AcceptBody(long_num),
       "incidentNum size must be between 0 and 255", true},
      {"commitSolution1 without cause", kIncidentHandlePath,
       R"({"incident_num":")" + num +
           R"(","operator":"op","operate_key":"commitSolution1","parameter":)"
           R"({"mtm_type":"inc_type_p_config_issues","is_service_interrupt":true,"solution":"s"}})",
       "parameter.cause"},
      {"confirm without parameter", kIncidentHandlePath,
       R"({"incident_num":")" + num + R"(","operator":"op","operate_key":"confirm"})", "parameter"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    HttpResult r = client_->Post(row.path, row.body, OpsAuth());
    auto msg = ExpectGomError(r, 400, "GOM.00000001");
    if (row.exact) {
      EXPECT_EQ(msg, row.message_part);
    } else {
      EXPECT_TRUE(Contains(msg, row.message_part)) << r.body;
    }
  }
  EXPECT_EQ(IncidentCount(), 1u) << "a refused create stored an incident";
  EXPECT_EQ(StatusOf(num), kTriggered) << "a refused handle changed the incident";

  // The limits count characters, not bytes: 200 CJK characters (600 bytes) are a valid title.
  IncidentSpec cjk_title;
  std::string title;
  for (int i = 0; i < 200; ++i) title += "测";
  cjk_title.title = title;
  std::string cjk = Create(cjk_title);
  EXPECT_EQ(JsonDoc(GetIncident(*client_, cjk).body).String("/data/incident_title"), title);
  // The schedule form alone is an assignee too.
  IncidentSpec scheduled;
  scheduled.assignee.reset();
  scheduled.assignee_scene = "scene-1";
  scheduled.assignee_role = "role-1";
  Create(scheduled);
}

TEST_F(IncidentApiTest, UnknownIncidentIs404) {
  const std::string unknown = "IM" + std::string(24, '0');
  auto msg = ExpectGomError(GetIncident(*client_, unknown), 404, "GOM.00000404");
  EXPECT_TRUE(Contains(msg, unknown));
  ExpectGomError(client_->Get("/v1/external/incident/" + unknown + "/timeline", OpsAuth()), 404,
                 "GOM.00000404");
  for (const std::string& body :
       {AcceptBody(unknown), CommitSolutionBody(unknown), ConfirmBody(unknown, true)}) {
    SCOPED_TRACE(body);
    ExpectGomError(Handle(body), 404, "GOM.00000404");
  }
  EXPECT_EQ(IncidentCount(), 0u);
}

// contract §6: every transition in order, with its actor and statuses.
TEST_F(IncidentApiTest, TimelineListsEveryTransitionInOrder) {
  IncidentSpec spec;
  spec.creator = "creator-t";
  spec.level = "level_20";
  std::string num = Create(spec);
  ASSERT_EQ(Handle(AcceptBody(num, "op-a")).status, 200);
  ASSERT_EQ(
      Handle(CommitSolutionBody(num, "op-b", "inc_type_p_config_issues", "100001", "20001")).status,
      200);
  ASSERT_EQ(Handle(ConfirmBody(num, true, "op-c", "13")).status, 200);
  EXPECT_EQ(StatusOf(num), kCompleted);
  // A refused operation leaves no line.
  ASSERT_EQ(Handle(AcceptBody(num, "op-d")).status, 409);

  HttpResult r = client_->Get("/v1/external/incident/" + num + "/timeline", OpsAuth());
  ASSERT_EQ(r.status, 200) << r.body;
  JsonDoc doc(r.body);
  EXPECT_EQ(doc.String("/provider_code"), "049");
  EXPECT_EQ(doc.String("/error_code"), "GOM.00000000");
  EXPECT_EQ(doc.String("/data/incident_num"), num);
  ASSERT_EQ(doc.ArraySize("/data/timeline"), 4u) << r.body;
  struct Line {
    const char* action;
    const char* actor;
    std::optional<std::string> from;
    std::string to;
  };
  const Line expected[] = {
      {"create", "creator-t", std::nullopt, kTriggered},
      {"acceptedIncident1", "op-a", kTriggered, kAcknowledged},
      {"commitSolution1", "op-b", kAcknowledged, kResolved},
      {"confirm", "op-c", kResolved, kCompleted},
  };
  const int64_t create_time =
      JsonDoc(GetIncident(*client_, num).body).Int("/data/create_time").value_or(-1);
  int64_t last_time = create_time;
  for (size_t i = 0; i < 4; ++i) {
    SCOPED_TRACE(i);
    const std::string at = "/data/timeline/" + std::to_string(i);
    EXPECT_EQ(doc.Keys(at), (std::vector<std::string>{"time", "actor", "action", "from_status",
                                                      "to_status", "parameters"}));
    EXPECT_EQ(doc.String(at + "/action"), expected[i].action);
    EXPECT_EQ(doc.String(at + "/actor"), expected[i].actor);
    if (expected[i].from) {
      EXPECT_EQ(doc.String(at + "/from_status"), *expected[i].from);
    } else {
      EXPECT_TRUE(doc.IsNull(at + "/from_status")) << r.body;
    }
    EXPECT_EQ(doc.String(at + "/to_status"), expected[i].to);
    EXPECT_EQ(doc.Type(at + "/parameters"), "object");
    int64_t t = doc.Int(at + "/time").value_or(-1);
    EXPECT_GE(t, last_time) << "out of order";
    last_time = t;
  }
  EXPECT_EQ(doc.Int("/data/timeline/0/time"), create_time);
  EXPECT_EQ(doc.String("/data/timeline/2/parameters/cause"), "100001");
  EXPECT_EQ(doc.String("/data/timeline/2/parameters/solution"), "20001");
  EXPECT_EQ(doc.Bool("/data/timeline/3/parameters/virtual_confirm_result"), true);
  EXPECT_EQ(doc.String("/data/timeline/3/parameters/virtual_confirm_comment"), "13");
}

// contract §3: the incident APIs are management APIs.
TEST_F(IncidentApiTest, EveryEndpointNeedsAValidToken) {
  std::string num = Create();
  struct Endpoint {
    const char* method;
    std::string target;
    std::string body;
  };
  const std::vector<Endpoint> endpoints = {
      {"POST", kIncidentCreatePath, IncidentSpec().ToJson()},
      {"POST", kIncidentHandlePath, AcceptBody(num)},
      {"GET", "/v1/external/incident/" + num, ""},
      {"GET", "/v1/external/incident/" + num + "/timeline", ""},
      {"GET", kIncidentListPath, ""},
  };
  for (const Endpoint& e : endpoints) {
    for (const HeaderList& headers :
         {HeaderList{}, HeaderList{{"X-Auth-Token", "wrong"}}, HeaderList{{"X-Auth-Token", ""}},
          HeaderList{{"X-Auth-Token", std::string(kOpsToken) + "x"}}}) {
      SCOPED_TRACE(std::string(e.method) + " " + e.target);
      HttpResult r = client_->Request(e.method, e.target, e.body, headers);
      EXPECT_EQ(r.status, 401) << r.body;
      JsonDoc doc(r.body);
      EXPECT_EQ(doc.String("/error_code"), "common.01010001") << r.body;
      EXPECT_EQ(doc.String("/error_msg"), "Token missing or invalid.") << r.body;
    }
  }
  // None of them did anything.
  EXPECT_EQ(IncidentCount(), 1u);
  EXPECT_EQ(StatusOf(num), kTriggered);
}

// Operators racing on one incident: the writer applies them one after the other, so exactly one
// acceptance wins and the others see ACKNOWLEDGED.
TEST_F(IncidentApiTest, ConcurrentAcceptsExactlyOneWins) {
  std::string num = Create();
  constexpr int kRacers = 20;
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < kRacers; ++i) {
    clients.push_back(
        std::make_unique<HttpClient>(server_->port(), std::chrono::seconds(10), true));
    // Connect ahead so the requests leave together.
    ASSERT_EQ(clients.back()->Get("/-/healthy").status, 200);
  }
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<HttpResult> results(kRacers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRacers; ++i) {
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (!go.load()) std::this_thread::yield();
      results[i] = HandleIncident(*clients[i], AcceptBody(num, "racer-" + std::to_string(i)));
    });
  }
  while (ready.load() < kRacers) std::this_thread::yield();
  go = true;
  for (auto& t : threads) t.join();

  int ok = 0;
  int conflict = 0;
  std::string winner;
  for (int i = 0; i < kRacers; ++i) {
    if (results[i].status == 200) {
      ++ok;
      winner = "racer-" + std::to_string(i);
    } else if (results[i].status == 409) {
      ++conflict;
      EXPECT_TRUE(Contains(JsonDoc(results[i].body).String("/error_msg"), "ACKNOWLEDGED"))
          << results[i].body;
    } else {
      ADD_FAILURE() << results[i].status << " " << results[i].error << " " << results[i].body;
    }
  }
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(conflict, kRacers - 1);
  EXPECT_EQ(StatusOf(num), kAcknowledged);
  JsonDoc timeline(client_->Get("/v1/external/incident/" + num + "/timeline", OpsAuth()).body);
  ASSERT_EQ(timeline.ArraySize("/data/timeline"), 2u);
  EXPECT_EQ(timeline.String("/data/timeline/1/actor"), winner);
}

}  // namespace
}  // namespace alarmgate::e2e
