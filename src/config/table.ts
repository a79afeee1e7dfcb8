import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { configDir } from './load.js';
import { configSchema } from './schema.js';

/**
 * The README's configuration table, made from the schema itself (descriptions, defaults, limits)
 * and the environment mapping, so the table cannot drift from what the loader accepts.
 */

interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
}

export function configTableRows(): string[][] {
  const schema = z.toJSONSchema(configSchema, { io: 'input' }) as JsonSchemaNode;
  const envNames = environmentNames();
  const rows: string[][] = [];
  const walk = (node: JsonSchemaNode, path: string[]) => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const here = [...path, key];
      if (child.type === 'object' && child.properties && !child.description) {
        walk(child, here);
        continue;
      }
      const name = here.join('.');
      rows.push([
        `\`${name}\``,
        formatDefault(child.default),
        envNames.get(name) ? `\`${envNames.get(name)}\`` : '',
        describe(child),
      ]);
      // A list of objects (rooms.list): each entry's keys as `list[].key`.
      if (child.type === 'array' && child.items?.properties) walk(child.items, [`${name}[]`]);
    }
  };
  walk(schema, []);
  return rows;
}

export function configTableMarkdown(): string {
  const header = ['key', 'default', 'environment', 'meaning'];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...configTableRows().map(
      (row) => `| ${row.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}

function describe(node: JsonSchemaNode): string {
  const parts = [node.description ?? ''];
  if (node.enum) parts.push(`One of ${node.enum.map((v) => `\`${String(v)}\``).join(', ')}.`);
  else if (node.maximum !== undefined && node.maximum < Number.MAX_SAFE_INTEGER)
    parts.push(`Range ${node.minimum ?? '…'}–${node.maximum}.`);
  else if (node.minimum !== undefined && node.minimum > Number.MIN_SAFE_INTEGER)
    parts.push(`At least ${node.minimum}.`);
  return parts.filter(Boolean).join(' ');
}

function formatDefault(value: unknown): string {
  if (value === undefined) return '';
  if (value === '') return '(empty)';
  return `\`${JSON.stringify(value)}\``;
}

function environmentNames(): Map<string, string> {
  const mapping = JSON.parse(
    readFileSync(`${configDir}custom-environment-variables.json`, 'utf8'),
  ) as Record<string, unknown>;
  const names = new Map<string, string>();
  const walk = (node: Record<string, unknown>, path: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      const here = [...path, key].join('.');
      if (typeof value === 'string') names.set(here, value);
      else if (value && typeof value === 'object' && '__name' in value)
        names.set(here, `${String((value as { __name: string }).__name)} (JSON)`);
      else if (value && typeof value === 'object')
        walk(value as Record<string, unknown>, [...path, key]);
    }
  };
  walk(mapping, []);
  return names;
}
