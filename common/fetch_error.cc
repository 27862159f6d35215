#include "common/fetch_error.h"

#include <array>
#include <utility>

namespace timecite {
namespace {

constexpr std::array<std::pair<ErrorClass, std::string_view>, 13> kNames = {{
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
    {ErrorClass::kOther, "other"},
}};

}  // namespace

std::string_view ErrorClassName(ErrorClass c) {
  for (const auto& [k, name] : kNames) {
    if (k == c) return name;
  }
  return "other";
}

std::optional<ErrorClass> ParseErrorClass(std::string_view name) {
  for (const auto& [k, n] : kNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::optional<ErrorClass> ErrorClassFromCode(uint64_t code) {
  for (const auto& [k, n] : kNames) {
    if (static_cast<uint64_t>(k) == code && k != ErrorClass::kOther) return k;
  }
  return std::nullopt;
}

}  // namespace timecite
