// Preloaded into a benchmarked process (node -r): reports its peak resident set size and its CPU
// time (user + system) on exit, as JSON.
process.on('exit', () => {
  const file = process.env.MEC_BENCH_RSS_FILE;
  if (!file) return;
  const usage = process.resourceUsage();
  const report = {
    maxRssBytes: usage.maxRSS * 1024,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
  };
  require('node:fs').writeFileSync(file, JSON.stringify(report));
});
