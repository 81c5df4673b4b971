// Prints the README configuration table and .env.example from src/config.ts:
//   node bin/run-ts.js scripts/config-docs.ts table|env
import { VARIABLES } from '../src/config.ts';

const mode = process.argv[2] ?? 'table';
const vars = Object.values(VARIABLES) as { name: string; default: string; doc: string; secret?: boolean }[];
if (mode === 'table') {
  console.log('| variable | default | meaning |');
  console.log('|---|---|---|');
  for (const v of vars) {
    const def = v.default === '' ? '(empty)' : '`' + v.default + '`';
    console.log(`| \`${v.name}\` | ${def} | ${v.doc}${v.secret ? ' Secret: never logged.' : ''} |`);
  }
} else {
  console.log('# vigie configuration (copy to .env, or set in the environment). Defaults shown.');
  for (const v of vars) console.log(`# ${v.doc}\n${v.name}=${v.default}\n`);
}
