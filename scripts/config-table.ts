/**
 * `npm run config:table`: rewrites the configuration table in README.md (between the
 * `<!-- config-table -->` markers) from the schema. A test fails when the README is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { configTableMarkdown } from '../src/config/table.js';

const readmePath = new URL('../README.md', import.meta.url);
const start = '<!-- config-table:start -->';
const end = '<!-- config-table:end -->';
const readme = readFileSync(readmePath, 'utf8');
const from = readme.indexOf(start);
const to = readme.indexOf(end);
if (from < 0 || to < from) {
  console.error(`README.md has no ${start} … ${end} section to fill.`);
  process.exit(2);
}
const updated = `${readme.slice(0, from + start.length)}\n${configTableMarkdown()}\n${readme.slice(to)}`;
writeFileSync(readmePath, updated);
console.log(
  updated === readme
    ? 'README.md configuration table is up to date.'
    : 'README.md configuration table updated.',
);
