// timecite::pipeline settings — what a configuration (timecite.toml,
// docs/rules.md and configs/timecite.toml) means for the runs: how to fetch,
// how to verify, which deep links to write.
#pragma once

#include <cstdint>
#include <string>

#include "common/config.h"
#include "common/status.h"
#include "indexer/profile.h"
#include "linker/checks/verify.h"
#include "pipeline/crawl_run.h"

namespace timecite::pipeline {

// The configuration at `path`, or ./timecite.toml when `path` is empty and it
// exists, or the defaults. Errors (exit 3 for the CLI): unreadable, unknown
// key, an unknown rule id in [rules].
Result<Config> LoadUserConfig(const std::string& path);

// FetchSettings from a loaded configuration: user agent, concurrency,
// max_retries, timeout_s (per attempt), body_cap_mib, the default and
// per-host politeness.
FetchSettings FetchSettingsFromConfig(const Config& config);

// The verify options a configuration implies at `now_ms` (unix ms): history
// thresholds, [[remap]] (ECMAScript regex, first match wins, $1-style
// replacement), the country table (linker::DefaultCountryTable;
// speaker-mismatch is off, with a note on stderr unless `quiet`, when
// iso-codes is not installed).
linker::VerifyOptions VerifyOptionsFromConfig(const Config& config,
                                              int64_t now_ms,
                                              bool quiet = false);

// The deep-link templates: the built-in UN Web TV site profile's [links]
// overridden by timecite.toml [deep_links] (check --fix, resolve).
Result<indexer::Profile> DeepLinkProfile(const Config& config);

}  // namespace timecite::pipeline
