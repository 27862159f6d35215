#include "indexer/profile.h"

#include "indexer/html.h"
#include "test_util.h"

namespace timecite::indexer {
namespace {

constexpr std::string_view kMini = R"(
name = "mini"
kind = "asset-page"
[fields.title]
xpath = '''//h2[@class='t']'''
required = true
[fields.links]
xpath = "//a/@href"
)";

TEST(Profile, BuiltinsParse) {
  const auto names = BuiltinProfileNames();
  EXPECT_EQ(names, (std::vector<std::string>{"webtv-asset", "webtv-schedule"}));
  for (const std::string& name : names) {
    auto profile = BuiltinProfile(name);
    ASSERT_OK(profile);
    EXPECT_EQ(profile->name(), name);
    EXPECT_EQ(profile->origin(), "builtin:" + name);
  }
  EXPECT_EQ(BuiltinProfile("webtv-asset")->kind(), "asset-page");
  EXPECT_TRUE(BuiltinProfile("webtv-asset")->IsRequired("title"));
  EXPECT_TRUE(BuiltinProfile("nope").status().IsNotFound());
}

TEST(Profile, SelectsInDocumentOrder) {
  auto profile = Profile::Parse(kMini, "mini.toml");
  ASSERT_OK(profile);
  auto doc = ParseHtml("<a href=1></a><h2 class=t>T</h2><a href=2></a>");
  ASSERT_OK(doc);
  const pugi::xpath_node root(**doc);
  auto links = profile->Select("links", root);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(NodeText(links[0]), "1");
  EXPECT_EQ(NodeText(links[1]), "2");
  EXPECT_EQ(NodeText(profile->SelectFirst("title", root)), "T");
  EXPECT_TRUE(profile->Select("absent", root).empty());
  EXPECT_OK(profile->Expect("asset-page", {"title", "links"}));
  EXPECT_FALSE(profile->Expect("asset-page", {"summary"}).ok());
  EXPECT_FALSE(profile->Expect("schedule-page", {}).ok());
}

TEST(Profile, MarkupDriftIsRecognisable) {
  auto profile = Profile::Parse(kMini, "mini.toml");
  ASSERT_OK(profile);
  const Status drift = profile->MarkupDrift("title", "card 2");
  EXPECT_TRUE(IsMarkupDrift(drift));
  EXPECT_NE(drift.message().find("card 2"), std::string::npos);
  EXPECT_NE(drift.message().find("//h2[@class='t']"), std::string::npos);
  EXPECT_FALSE(IsMarkupDrift(Status::Unsupported("other")));
  EXPECT_FALSE(IsMarkupDrift(Status::Ok()));
}

TEST(Profile, RejectsBadProfiles) {
  auto bad_toml = Profile::Parse("name = \"x\"\nkind = [", "bad.toml");
  ASSERT_FALSE(bad_toml.ok());
  EXPECT_NE(bad_toml.status().message().find("bad.toml:2:"), std::string::npos)
      << bad_toml.status().ToString();
  EXPECT_FALSE(Profile::Parse("kind = \"k\"\n[fields.a]\nxpath = \"//a\"", "x").ok());
  EXPECT_FALSE(Profile::Parse("name = \"n\"\nkind = \"k\"", "x").ok());
  auto bad_xpath = Profile::Parse("name = \"n\"\nkind = \"k\"\n[fields.a]\nxpath = \"//a[\"", "x");
  ASSERT_FALSE(bad_xpath.ok());
  EXPECT_NE(bad_xpath.status().message().find("bad XPath"), std::string::npos);
  auto not_nodes =
      Profile::Parse("name = \"n\"\nkind = \"k\"\n[fields.a]\nxpath = \"count(//a)\"", "x");
  ASSERT_FALSE(not_nodes.ok());
  EXPECT_NE(not_nodes.status().message().find("does not select nodes"), std::string::npos);
  EXPECT_FALSE(Profile::Parse("name = \"n\"\nkind = \"k\"\nfields = 3", "x").ok());
  EXPECT_FALSE(Profile::Parse("\xFF\xFE", "x").ok());
}

}  // namespace
}  // namespace timecite::indexer
