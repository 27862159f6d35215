#include "cli/online_notes.h"

#include <iostream>
#include <string>

#include "cli/commands.h"

namespace timecite::cli {

bool PrintOnlineNotes(const pipeline::OnlineStats& stats, bool stopped,
                      bool quiet) {
  if (!quiet) {
    for (const std::string& note : stats.notes)
      std::cerr << "timecite: note: " << note << "\n";
  }
  if (stats.deadline_reached) {  // also with -q: the run is incomplete
    std::cerr << "timecite: the --deadline passed: " << stats.unfinished
              << " link(s) or recording(s) not checked (unverified)\n";
  }
  if (stopped) PrintError("interrupted: what was not fetched is unverified");
  return stopped;
}

}  // namespace timecite::cli
