// Preloaded into a benchmarked process (node -r): reports its peak resident set size and the CPU time
// of all its threads on exit ("<bytes> <ms>").
process.on('exit', () => {
  const file = process.env.MEC_BENCH_RSS_FILE;
  if (!file) return;
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  require('node:fs').writeFileSync(file, `${usage.maxRSS * 1024} ${cpuMs}`);
});
