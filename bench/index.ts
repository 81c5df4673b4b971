// `npm run bench`: every performance figure, each next to a baseline measured in the same run.
// Run one part with `npm run bench -- tag` (names below); options after the part names go to
// the parts (`npm run bench -- e2e --feeds 50 --items 10`).
const parts: Record<string, () => Promise<void>> = {
  tag: async () => (await import('./tag.ts')).benchTagging(),
  alerts: async () => (await import('./alerts.ts')).benchAlerts(),
  e2e: async () => (await import('./e2e.ts')).benchE2e(),
};

const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('-'));
const wanted = firstOption === -1 ? args : args.slice(0, firstOption);
for (const name of wanted.length ? wanted : Object.keys(parts)) {
  const run = parts[name];
  if (!run) {
    console.error(`unknown bench part '${name}'; parts: ${Object.keys(parts).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n## ${name}`);
  await run();
}
