#include "crawler/retry.h"

#include <gtest/gtest.h>

namespace timecite::crawler {
namespace {

TEST(RetryTest, RetryableOutcomes) {
  FetchRecord r;
  r.error = ErrorClass::kHttpStatus;
  for (int status : {500, 502, 503, 504, 408, 429}) {
    r.status = status;
    EXPECT_TRUE(IsRetryable(r)) << status;
  }
  for (int status : {400, 403, 404, 410}) {
    r.status = status;
    EXPECT_FALSE(IsRetryable(r)) << status;
  }
  for (ErrorClass c : {ErrorClass::kTimeout, ErrorClass::kConnect}) {
    r.error = c;
    EXPECT_TRUE(IsRetryable(r));
  }
  for (ErrorClass c : {ErrorClass::kOk, ErrorClass::kDns, ErrorClass::kTls,
                       ErrorClass::kTooLarge, ErrorClass::kBotChallenge,
                       ErrorClass::kRobotsDisallowed, ErrorClass::kRedirectLoop}) {
    r.error = c;
    EXPECT_FALSE(IsRetryable(r)) << ErrorClassName(c);
  }
}

TEST(RetryTest, BackoffDoublesWithinJitterBoundsAndCaps) {
  RetryPolicy p;
  p.base_delay_ms = 1000;
  p.max_delay_ms = 5000;
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200; ++i) {
    const int64_t d1 = BackoffMs(p, 1, rng);
    EXPECT_GE(d1, 500);
    EXPECT_LE(d1, 1000);
    const int64_t d3 = BackoffMs(p, 3, rng);
    EXPECT_GE(d3, 2000);
    EXPECT_LE(d3, 4000);
    const int64_t d9 = BackoffMs(p, 9, rng);
    EXPECT_GE(d9, 2500);
    EXPECT_LE(d9, 5000);
  }
}

TEST(RetryTest, RetryAfterBothForms) {
  const int64_t now = 784111777000;  // Sun, 06 Nov 1994 08:49:37 GMT
  EXPECT_EQ(ParseRetryAfterMs("2", now), 2000);
  EXPECT_EQ(ParseRetryAfterMs(" 120 ", now), 120000);
  EXPECT_EQ(ParseRetryAfterMs("Sun, 06 Nov 1994 08:49:39 GMT", now), 2000);
  EXPECT_EQ(ParseRetryAfterMs("Sunday, 06-Nov-94 08:50:37 GMT", now), 60000);
  EXPECT_EQ(ParseRetryAfterMs("Sun Nov  6 08:49:47 1994", now), 10000);
  EXPECT_EQ(ParseRetryAfterMs("Sun, 06 Nov 1994 08:00:00 GMT", now), 0);
  EXPECT_EQ(ParseRetryAfterMs("", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfterMs("soon", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfterMs("-1", now), std::nullopt);
}

TEST(ErrorClassTest, NamesRoundTrip) {
  for (const char* name : {"ok", "dns", "connect", "tls", "timeout", "http-status", "too-large",
                           "redirect-loop", "robots-disallowed", "bot-challenge", "bad-url",
                           "private-address"}) {
    auto c = ParseErrorClass(name);
    ASSERT_TRUE(c.has_value()) << name;
    EXPECT_EQ(ErrorClassName(*c), name);
  }
  EXPECT_FALSE(ParseErrorClass("nope").has_value());
}

}  // namespace
}  // namespace timecite::crawler
