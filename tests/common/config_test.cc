#include "common/config.h"

#include <fstream>

#include "test_util.h"

namespace timecite {
namespace {

TEST(Config, EmptyGivesDefaults) {
  auto c = ParseConfig("", "t.toml");
  ASSERT_OK(c);
  EXPECT_EQ(c->fail_on, "broken");
  EXPECT_EQ(c->default_politeness.max_concurrent, 2);
  EXPECT_EQ(c->default_politeness.min_interval_ms, 500);
  EXPECT_EQ(c->history_failures, 3);
  EXPECT_EQ(c->history_min_days, 3);
}

TEST(Config, TheShippedExampleParses) {
  auto c = LoadConfig(testing::SourceDir() / "configs" / "timecite.toml");
  ASSERT_OK(c);
  EXPECT_EQ(c->rule_severity.at("tracking-parameter"), "info");
  ASSERT_EQ(c->exclude.size(), 1u);
  ASSERT_EQ(c->remap.size(), 1u);
  EXPECT_EQ(c->remap[0].replace, "https://webtv.un.org/");
  EXPECT_EQ(c->hosts.at("webtv.un.org").min_interval_ms, 1000);
  EXPECT_EQ(c->hosts.at("cdnapisec.kaltura.com").max_concurrent, 4);
  EXPECT_NE(c->deep_links.at("kaltura_player").find("kalturaSeekFrom={start_s}"),
            std::string::npos);
  // The default User-Agent is the one docs/crawler.md states, with the version.
  EXPECT_EQ(Config().user_agent,
            std::string("timecite/") + TIMECITE_VERSION + " (UN citation checker; polite crawler)");
}

TEST(Config, SecondsIsNotADeepLinkPlaceholderStartSIs) {
  auto old = ParseConfig("[deep_links]\nk = \"https://x.test/?t={seconds}\"\n", "t.toml");
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.status().message(),
            "t.toml: 'deep_links.k': {seconds} is not a placeholder here; write {start_s}");
  auto now = ParseConfig("[deep_links]\nk = \"https://x.test/?t={start_s}\"\n", "t.toml");
  ASSERT_OK(now);
  EXPECT_EQ(now->deep_links.at("k"), "https://x.test/?t={start_s}");
}

TEST(Config, UnknownKeysAreNamed) {
  auto top = ParseConfig("[rulez]\n", "t.toml");
  ASSERT_FALSE(top.ok());
  EXPECT_NE(top.status().message().find("unknown key 'rulez'"), std::string::npos);
  auto nested = ParseConfig("[crawler.hosts.\"webtv.un.org\"]\ninterval = 5\n", "t.toml");
  ASSERT_FALSE(nested.ok());
  EXPECT_NE(nested.status().message().find("unknown key 'crawler.hosts.\"webtv.un.org\".interval'"),
            std::string::npos)
      << nested.status().message();
  auto check = ParseConfig("[check]\nfailon = \"warning\"\n", "t.toml");
  EXPECT_NE(check.status().message().find("unknown key 'check.failon'"), std::string::npos);
}

TEST(Config, WrongTypesAndValues) {
  EXPECT_NE(ParseConfig("[rules]\n\"legacy-url\" = \"loud\"\n", "t.toml")
                .status().message().find("must be off, info, warning or error"),
            std::string::npos);
  EXPECT_NE(ParseConfig("[crawler]\nconcurrency = \"8\"\n", "t.toml")
                .status().message().find("'crawler.concurrency' must be an integer"),
            std::string::npos);
  EXPECT_NE(ParseConfig("[crawler]\nconcurrency = 0\n", "t.toml")
                .status().message().find("between 1 and 1024"),
            std::string::npos);
  EXPECT_NE(ParseConfig("[check]\nexclude = [\"(\"]\n", "t.toml")
                .status().message().find("not a valid regex"),
            std::string::npos);
  EXPECT_NE(ParseConfig("[deep_links]\nx = \"https://a/{nope}\"\n", "t.toml")
                .status().message().find("unknown placeholder {nope}"),
            std::string::npos);
}

TEST(Config, AllowPrivateAndRetryAfterCap) {
  auto d = ParseConfig("", "t.toml");
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d->allow_private);
  EXPECT_EQ(d->max_retry_after_s, 600);
  auto c = ParseConfig("[crawler]\nallow_private = true\nmax_retry_after_s = 30\n", "t.toml");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_TRUE(c->allow_private);
  EXPECT_EQ(c->max_retry_after_s, 30);
  EXPECT_NE(ParseConfig("[crawler]\nallow_private = 1\n", "t.toml")
                .status().message().find("'crawler.allow_private' must be true or false"),
            std::string::npos);
  EXPECT_NE(ParseConfig("[crawler]\nmax_retry_after_s = -1\n", "t.toml")
                .status().message().find("between 0 and 86400"),
            std::string::npos);
}

TEST(Config, SyntaxErrorHasLineAndColumn) {
  auto c = ParseConfig("[rules]\n\"a\" = = 1\n", "bad.toml");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message().rfind("bad.toml:2:", 0), 0u) << c.status().message();
}

TEST(Config, MissingFileIsIoError) {
  auto c = LoadConfig("/nonexistent/timecite.toml");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), Status::Code::kIoError);
}

}  // namespace
}  // namespace timecite
