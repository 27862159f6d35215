// The class of a fetch's outcome: ok, or why it failed. One enum for the
// crawler that decides it, the store that keeps it (store::FetchRecord) and
// the checks that judge it; docs/crawler.md, "Error classes".
//
// Every class has a name (shown to users: `history`, JSON reports, progress
// lines) and a code (kept in the database, schema 3 and later: docs/store.md).
// Codes are the enum's values; they are never renumbered nor reused.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace timecite {

enum class ErrorClass : uint8_t {
  kOk = 0,  // 2xx answers, and a 304 to a conditional request
  kDns = 1,            // the host name did not resolve
  kConnect = 2,        // no connection, or it broke (reset, truncated body)
  kTls = 3,            // handshake or certificate verification failed
  kTimeout = 4,        // the attempt or the URL's deadline ran out
  kHttpStatus = 5,     // the final answer was 4xx/5xx (or a 3xx with no Location)
  kTooLarge = 6,       // the body passed the cap (after decompression)
  kRedirectLoop = 7,   // a URL repeated in the chain, or more than the allowed hops
  kRobotsDisallowed = 8,  // robots.txt forbids it; nothing was fetched
  kBotChallenge = 9,      // HTTP 202 with x-amzn-waf-action: challenge
  kBadUrl = 10,           // not an http(s) URL, or a redirect to another scheme
  // The URL's host, or the address a hop was about to connect to, is
  // loopback, private, link-local or cloud metadata
  // (crawler/address_policy.h); nothing was sent to it.
  kPrivateAddress = 11,
  // A class this version does not know: read from a database written by a
  // newer version (the code it had is kept in the record's unknown fields).
  // Never produced by a fetch.
  kOther = 255,
};

// "ok", "dns", "connect", "tls", "timeout", "http-status", "too-large",
// "redirect-loop", "robots-disallowed", "bot-challenge", "bad-url",
// "private-address", "other".
std::string_view ErrorClassName(ErrorClass c);
// The inverse of ErrorClassName; nullopt for any other text.
std::optional<ErrorClass> ParseErrorClass(std::string_view name);
// The class of a stored code; nullopt for a code this version does not know.
std::optional<ErrorClass> ErrorClassFromCode(uint64_t code);

}  // namespace timecite
