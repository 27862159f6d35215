#include "common/url.h"

#include "test_util.h"

namespace timecite {
namespace {

TEST(Url, KeepsQueryAndFragmentByteExact) {
  auto url = ParseUrl(
      "https://documents-dds-ny.un.org/doc/UNDOC/GEN/N15/014/02/PDF/N1501402.pdf?OpenElement");
  ASSERT_OK(url);
  EXPECT_EQ(url->host, "documents-dds-ny.un.org");
  EXPECT_EQ(url->query, "OpenElement");
  EXPECT_EQ(url->canonical,
            "https://documents-dds-ny.un.org/doc/UNDOC/GEN/N15/014/02/PDF/N1501402.pdf?OpenElement");
}

TEST(Url, LowercasesSchemeAndHostOnly) {
  auto url = ParseUrl("HTTPS://Media.UN.org:443/en/asset/k1o/k1obxycc3u#t=5380");
  ASSERT_OK(url);
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "media.un.org");
  EXPECT_EQ(url->path, "/en/asset/k1o/k1obxycc3u");
  EXPECT_EQ(url->fragment, "t=5380");
  EXPECT_EQ(url->canonical, "https://media.un.org/en/asset/k1o/k1obxycc3u#t=5380");
}

TEST(Url, RejectsNonHttpAndGarbage) {
  EXPECT_FALSE(ParseUrl("ftp://example.org/x").ok());
  EXPECT_FALSE(ParseUrl("https://").ok());
  EXPECT_FALSE(ParseUrl("https://exa mple.org/").ok());
}

TEST(Url, HostWithin) {
  EXPECT_TRUE(HostWithin("media.un.org", "un.org"));
  EXPECT_TRUE(HostWithin("un.org", "un.org"));
  EXPECT_FALSE(HostWithin("notun.org", "un.org"));
}

}  // namespace
}  // namespace timecite

TEST(Url, PercentEncodeKeepsOnlyUnreserved) {
  EXPECT_EQ(timecite::PercentEncode("a b&c"), "a%20b%26c");
  EXPECT_EQ(timecite::PercentEncode("https://x.org/p?a=1#f"),
            "https%3A%2F%2Fx.org%2Fp%3Fa%3D1%23f");
  EXPECT_EQ(timecite::PercentEncode("-._~AZaz09"), "-._~AZaz09");
  EXPECT_EQ(timecite::PercentEncode("é"), "%C3%A9");
  EXPECT_EQ(timecite::PercentEncode(""), "");
}
