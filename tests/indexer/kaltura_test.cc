#include "indexer/kaltura.h"

#include "test_util.h"

namespace timecite::indexer {
namespace {

constexpr std::string_view kSession =
    R"({"objectType": "KalturaStartWidgetSessionResponse", "partnerId": 2503451, "ks": "djJ8MjUwMzQ1MX", "userId": 0})";

std::string Answer(std::string_view list) {
  return "[" + std::string(kSession) + ", " + std::string(list) + "]";
}

TEST(Kaltura, RedirectedEntry) {
  auto answer = ParseKalturaMultirequest(Answer(R"(
      {"objectType": "KalturaBaseEntryListResponse", "totalCount": 1,
       "objects": [{"id": "1_zk3kwu7h", "name": "Conflict and Hunger", "duration": 13456,
                    "msDuration": 13455834, "createdAt": 1651500000, "status": 2,
                    "objectType": "KalturaMediaEntry"}]})"));
  ASSERT_OK(answer);
  ASSERT_EQ(answer->kind, KalturaAnswer::Kind::kEntry);
  EXPECT_EQ(answer->entry.entry_id, "1_zk3kwu7h");
  EXPECT_EQ(answer->entry.name, "Conflict and Hunger");
  EXPECT_EQ(answer->entry.duration_ms, 13455834);
  EXPECT_EQ(answer->entry.created_at_ms, 1651500000000);
  EXPECT_EQ(answer->entry.status, 2);
  EXPECT_FALSE(answer->entry.removed());
}

TEST(Kaltura, DurationInSecondsWhenNoMsDuration) {
  auto answer = ParseKalturaMultirequest(
      Answer(R"({"objects": [{"id": "1_o7stmi6p", "duration": 234, "createdAt": 1, "status": 2}]})"));
  ASSERT_OK(answer);
  EXPECT_EQ(answer->entry.duration_ms, 234000);
}

TEST(Kaltura, DeletedEntryIsRemoved) {
  auto answer = ParseKalturaMultirequest(
      Answer(R"({"objects": [{"id": "1_abcd1234", "msDuration": 5000, "createdAt": 1615215600, "status": 3}]})"));
  ASSERT_OK(answer);
  ASSERT_EQ(answer->kind, KalturaAnswer::Kind::kEntry);
  EXPECT_TRUE(answer->entry.removed());
  EXPECT_EQ(KalturaStatusName(answer->entry.status), "deleted");
  EXPECT_EQ(KalturaStatusName(2), "ready");
  EXPECT_EQ(KalturaStatusName(42), "status 42");
}

TEST(Kaltura, EmptyListIsNoEntry) {
  auto answer = ParseKalturaMultirequest(Answer(R"({"totalCount": 0, "objects": []})"));
  ASSERT_OK(answer);
  EXPECT_EQ(answer->kind, KalturaAnswer::Kind::kNoEntry);
}

TEST(Kaltura, ApiExceptionCarriesCodeAndMessage) {
  auto in_list = ParseKalturaMultirequest(Answer(
      R"({"objectType": "KalturaAPIException", "code": "INVALID_KS", "message": "Invalid KS \"\""})"));
  ASSERT_OK(in_list);
  ASSERT_EQ(in_list->kind, KalturaAnswer::Kind::kApiError);
  EXPECT_EQ(in_list->error.code, "INVALID_KS");
  EXPECT_EQ(in_list->error.message, "Invalid KS \"\"");

  auto whole = ParseKalturaMultirequest(
      R"({"objectType": "KalturaAPIException", "code": "SERVICE_FORBIDDEN", "message": "no"})");
  ASSERT_OK(whole);
  EXPECT_EQ(whole->kind, KalturaAnswer::Kind::kApiError);
  EXPECT_EQ(whole->error.code, "SERVICE_FORBIDDEN");

  auto session_failed = ParseKalturaMultirequest(
      R"([{"objectType": "KalturaAPIException", "code": "PARTNER_BLOCKED", "message": "x"}, {"objects": []}])");
  ASSERT_OK(session_failed);
  EXPECT_EQ(session_failed->error.code, "PARTNER_BLOCKED");
}

TEST(Kaltura, MalformedAnswers) {
  for (std::string_view bad :
       {"", "not json", "[1,2", "{}", "[]", "[{}]", "[{}, 3]", "[{}, {}]",
        R"([{}, {"objects": [5]}])", R"([{}, {"objects": [{"status": 2}]}])",
        R"([{}, {"objects": [{"id": "1_x"}]}])", "[\"\xFF\"]"}) {
    auto answer = ParseKalturaMultirequest(bad);
    EXPECT_FALSE(answer.ok()) << bad;
    EXPECT_EQ(answer.status().code(), Status::Code::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace timecite::indexer
