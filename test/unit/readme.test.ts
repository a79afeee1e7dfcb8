import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configTableMarkdown } from '../../src/config/table.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README.md', () => {
  it('shows the two quick-start commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });

  it('has the configuration table of the current schema (run `npm run config:table`)', () => {
    const start = readme.indexOf('<!-- config-table:start -->');
    const end = readme.indexOf('<!-- config-table:end -->');
    expect(start).toBeGreaterThan(0);
    const table = readme.slice(start + '<!-- config-table:start -->'.length, end).trim();
    expect(table).toBe(configTableMarkdown());
  });
});
