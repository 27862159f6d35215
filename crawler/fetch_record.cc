#include "crawler/fetch_record.h"

#include <array>
#include <utility>

namespace timecite::crawler {
namespace {

constexpr std::array<std::pair<ErrorClass, std::string_view>, 12> kNames = {{
    {ErrorClass::kOk, "ok"},
    {ErrorClass::kDns, "dns"},
    {ErrorClass::kConnect, "connect"},
    {ErrorClass::kTls, "tls"},
    {ErrorClass::kTimeout, "timeout"},
    {ErrorClass::kHttpStatus, "http-status"},
    {ErrorClass::kTooLarge, "too-large"},
    {ErrorClass::kRedirectLoop, "redirect-loop"},
    {ErrorClass::kRobotsDisallowed, "robots-disallowed"},
    {ErrorClass::kBotChallenge, "bot-challenge"},
    {ErrorClass::kBadUrl, "bad-url"},
    {ErrorClass::kPrivateAddress, "private-address"},
}};

}  // namespace

std::string_view ErrorClassName(ErrorClass c) {
  for (const auto& [k, name] : kNames) {
    if (k == c) return name;
  }
  return "unknown";
}

std::optional<ErrorClass> ParseErrorClass(std::string_view name) {
  for (const auto& [k, n] : kNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

}  // namespace timecite::crawler
