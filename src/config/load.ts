import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configSchema, type Config } from './schema.js';
import { ConfigError } from './config-error.js';
import { jsonErrorPosition } from './json-position.js';
import { resolveMode } from './mode.js';
import { readSecretFiles } from './secret-files.js';
import { plainHttpProblems } from './transport-security.js';

/** `config/` of this package, wherever it is installed or run from. */
export const configDir = fileURLToPath(new URL('../../config/', import.meta.url));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** One entry of `custom-environment-variables.json`: a variable name, or one whose value is JSON. */
type EnvMapping = string | { __name: string; __format: 'json' };

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Overrides applied last (the CLI's flags). */
  overrides?: JsonObject;
}

/**
 * Builds the configuration: `config/default.json`, then the JSON file named by `ZOOMLINK_CONFIG`,
 * then the environment variables listed in `config/custom-environment-variables.json`, then the
 * overrides. Every wrong field is reported at once, with where its value came from.
 */
export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? process.env;
  const sources = new Map<string, string>();
  let merged = readJsonFile(`${configDir}default.json`, 'config/default.json');

  const file = env.ZOOMLINK_CONFIG;
  if (file) {
    const custom = readJsonFile(file, `ZOOMLINK_CONFIG (${file})`);
    recordSources(custom, [], `ZOOMLINK_CONFIG file ${file}`, sources);
    merged = deepMerge(merged, custom);
  }

  const mapping = readJsonFile(
    `${configDir}custom-environment-variables.json`,
    'config/custom-environment-variables.json',
  );
  const fromEnv = readEnvironment(mapping, env, [], sources);
  merged = deepMerge(merged, fromEnv);
  if (options.overrides) {
    recordSources(options.overrides, [], 'a command-line flag', sources);
    merged = deepMerge(merged, options.overrides);
  }

  rejectRetiredZoomJwt(merged, env);
  merged = readSecretFiles(merged, sources) as JsonObject;
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.map(String);
      const key = path.join('.');
      const found = describeFound(valueAt(merged, path), key);
      const from = sources.get(key) ?? closestSource(sources, key);
      return `${key || '(root)'}: ${issue.message}; found ${found}${from ? ` (from ${from})` : ''}`;
    });
    throw new ConfigError(problems);
  }
  if (resolveMode(parsed.data) === 'live') {
    const insecure = plainHttpProblems(parsed.data, (key) => sources.get(key));
    if (insecure.length > 0) throw new ConfigError(insecure);
  }
  return parsed.data;
}

function readJsonFile(path: string, label: string): JsonObject {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`${label}: cannot read the file: ${(error as Error).message}`]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Never JSON.parse's message: it quotes the text around the mistake, perhaps a secret.
    const at = jsonErrorPosition(text) ?? { line: 1, column: 1 };
    throw new ConfigError([
      `${label}: not valid JSON at line ${at.line}, column ${at.column} (a missing comma or quote, a comma after the last item, a comment?)`,
    ]);
  }
  if (!isObject(value)) throw new ConfigError([`${label}: expected a JSON object at the top`]);
  return value;
}

function readEnvironment(
  mapping: JsonObject,
  env: NodeJS.ProcessEnv,
  path: string[],
  sources: Map<string, string>,
): JsonObject {
  const out: JsonObject = {};
  for (const [key, entry] of Object.entries(mapping)) {
    const here = [...path, key];
    if (isEnvMapping(entry)) {
      const name = typeof entry === 'string' ? entry : entry.__name;
      const raw = env[name];
      if (raw === undefined || raw === '') continue;
      sources.set(here.join('.'), `environment variable ${name}`);
      if (typeof entry === 'string') {
        out[key] = raw;
      } else {
        try {
          out[key] = JSON.parse(raw) as Json;
        } catch {
          throw new ConfigError([
            `${here.join('.')}: environment variable ${name} must be JSON (e.g. 8787, true, ["a"]); found ${JSON.stringify(raw)}`,
          ]);
        }
      }
    } else if (isObject(entry)) {
      const nested = readEnvironment(entry, env, here, sources);
      if (Object.keys(nested).length > 0) out[key] = nested;
    }
  }
  return out;
}

function isEnvMapping(entry: Json): entry is EnvMapping & Json {
  return typeof entry === 'string' || (isObject(entry) && typeof entry.__name === 'string');
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; anything else (arrays included) is replaced whole. */
export function deepMerge(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isObject(current) && isObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function recordSources(value: Json, path: string[], label: string, sources: Map<string, string>) {
  if (isObject(value)) {
    for (const [key, inner] of Object.entries(value))
      recordSources(inner, [...path, key], label, sources);
  } else {
    sources.set(path.join('.'), label);
  }
}

function closestSource(sources: Map<string, string>, key: string): string | undefined {
  for (const [path, label] of sources) if (path.startsWith(`${key}.`)) return label;
  return undefined;
}

function valueAt(root: Json, path: string[]): Json | undefined {
  let node: Json | undefined = root;
  for (const key of path) {
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/** Fields whose values are never echoed back, even when they are wrong. */
const secretField = /(secret|token|password)$/i;

function describeFound(value: Json | undefined, key: string): string {
  if (value === undefined) return 'nothing';
  if (secretField.test(key) && value !== '' && value !== null)
    return 'a value (hidden: this field holds a secret)';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Zoom retired JWT apps in 2023 (creation stopped 2023-06-01, end of life 2023-09-08). Someone
 * migrating an old setup will set these; tell them what replaced it instead of "unknown key".
 */
function rejectRetiredZoomJwt(merged: JsonObject, env: NodeJS.ProcessEnv): void {
  const zoom = merged.zoom;
  const jwtKeys = isObject(zoom)
    ? Object.keys(zoom).filter((k) => /^(apiKey|apiSecret|jwt|jwtToken)$/i.test(k))
    : [];
  const jwtEnv = ['ZOOM_API_KEY', 'ZOOM_API_SECRET', 'ZOOM_JWT_TOKEN'].filter((n) => env[n]);
  if (jwtKeys.length === 0 && jwtEnv.length === 0) return;
  const what = [...jwtKeys.map((k) => `zoom.${k}`), ...jwtEnv].join(', ');
  throw new ConfigError([
    `${what}: Zoom JWT apps were retired in 2023 and no longer work. Create a Server-to-Server OAuth app in the Zoom App Marketplace and set zoom.accountId, zoom.clientId and zoom.clientSecret (ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET) instead.`,
  ]);
}
