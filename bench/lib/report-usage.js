// Preload (`node --require`) for benchmark children: reports the process's peak resident set size and CPU time on
// exit. Both cover every thread of the process (worker threads included) from process start, bootstrap included.
'use strict';
const { writeSync } = require('node:fs');

process.on('exit', () => {
  try {
    const usage = process.resourceUsage();
    writeSync(2, `\n@@bench maxrss=${usage.maxRSS} cpu=${usage.userCPUTime + usage.systemCPUTime}\n`);
  } catch {
    // stderr closed: nothing to report to
  }
});
