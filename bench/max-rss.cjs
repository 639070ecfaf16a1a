// Preloaded into a benchmarked process (node -r): reports its peak resident set size and its CPU
// time (user + system) on exit, as JSON.
process.on('exit', () => {
  const file = process.env.MEC_BENCH_RSS_FILE;
  if (!file) return;
  const usage = process.resourceUsage();
  const report = {
    maxRssBytes: ownPeakRss() ?? usage.maxRSS * 1024,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
  };
  require('node:fs').writeFileSync(file, JSON.stringify(report));
});

/**
 * The peak RSS of this process's own memory (Linux: VmHWM). getrusage's maxRSS is not: Linux keeps it
 * across exec, so a child spawned by a large parent reports the parent's size.
 */
function ownPeakRss() {
  try {
    const status = require('node:fs').readFileSync('/proc/self/status', 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return kb ? Number(kb[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
