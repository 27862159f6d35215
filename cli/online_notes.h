// What `check` says on stderr after its online run: per-recording notes, a
// --deadline that passed, an interruption.
#pragma once

#include "pipeline/check_run.h"

namespace timecite::cli {

// Prints the run's notes (not with `quiet`), that the --deadline passed with
// how much was left unchecked (also with `quiet`: the run is incomplete), and
// with `stopped` that the run was interrupted. Returns `stopped`.
bool PrintOnlineNotes(const pipeline::OnlineStats& stats, bool stopped,
                      bool quiet);

}  // namespace timecite::cli
