// `npm run bench`: every performance figure, each next to a baseline measured in the same run.
// Run one part with `npm run bench -- tag` (names below).
const parts: Record<string, () => Promise<void>> = {
  tag: async () => (await import('./tag.ts')).benchTagging(),
  alerts: async () => (await import('./alerts.ts')).benchAlerts(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted.length ? wanted : Object.keys(parts)) {
  const run = parts[name];
  if (!run) {
    console.error(`unknown bench part '${name}'; parts: ${Object.keys(parts).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n## ${name}`);
  await run();
}
