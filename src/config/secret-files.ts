import { readFileSync, statSync } from 'node:fs';
import type { Config } from './schema.js';
import { ConfigError } from './config-error.js';

/**
 * Secrets that may come from a file instead (`<key>File`, used when `<key>` is empty), so that
 * neither the configuration file nor the environment has to hold them.
 */
export const secretFileFields = [
  { section: 'zoom', key: 'clientSecret' },
  { section: 'zoom', key: 'webhookSecretToken' },
  { section: 'google', key: 'oauthClientSecret' },
  { section: 'google', key: 'oauthRefreshToken' },
  { section: 'server', key: 'token' },
] as const;

type JsonObject = { [key: string]: unknown };
const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Puts the content of each secret's file (trimmed) where the secret belongs, in the merged
 * configuration before it is checked, so that a secret read from a file is held to the same
 * rules as one given directly. `sources` learns where it came from.
 */
export function readSecretFiles(merged: JsonObject, sources: Map<string, string>): JsonObject {
  let out = merged;
  for (const { section, key } of secretFileFields) {
    const part = out[section];
    if (!isObject(part)) continue;
    const file = part[`${key}File`];
    if (typeof file !== 'string' || file === '' || (part[key] !== undefined && part[key] !== ''))
      continue;
    let secret: string;
    try {
      secret = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new ConfigError([
        `${section}.${key}File: cannot read ${file}: ${(error as Error).message}`,
      ]);
    }
    sources.set(`${section}.${key}`, `the file named by ${section}.${key}File`);
    out = { ...out, [section]: { ...part, [key]: secret } };
  }
  return out;
}

export interface SecretFile {
  /** The setting that names the file, or `ZOOMLINK_CONFIG`. */
  field: string;
  path: string;
}

export interface ExposedFile extends SecretFile {
  /** Its permission bits in octal, e.g. `0644`. */
  mode: string;
}

/** The configuration file and every file configured to hold a secret (unset ones left out). */
export function filesHoldingSecrets(config: Config, env: NodeJS.ProcessEnv): SecretFile[] {
  const files: SecretFile[] = [
    { field: 'ZOOMLINK_CONFIG', path: env.ZOOMLINK_CONFIG ?? '' },
    { field: 'zoom.clientSecretFile', path: config.zoom.clientSecretFile },
    { field: 'zoom.webhookSecretTokenFile', path: config.zoom.webhookSecretTokenFile },
    { field: 'google.serviceAccountKeyFile', path: config.google.serviceAccountKeyFile },
    { field: 'google.oauthClientSecretFile', path: config.google.oauthClientSecretFile },
    { field: 'google.oauthRefreshTokenFile', path: config.google.oauthRefreshTokenFile },
    { field: 'server.tokenFile', path: config.server.tokenFile },
  ];
  return files.filter((file) => file.path !== '');
}

/**
 * The files of `filesHoldingSecrets` that users other than the owner may read (permission bits
 * for group or others). Files that do not exist are left to the checks that read them. On
 * Windows permission bits mean nothing, so nothing is reported there.
 */
export function filesReadableByOthers(config: Config, env: NodeJS.ProcessEnv): ExposedFile[] {
  if (process.platform === 'win32') return [];
  const exposed: ExposedFile[] = [];
  for (const file of filesHoldingSecrets(config, env)) {
    let mode: number;
    try {
      mode = statSync(file.path).mode & 0o777;
    } catch {
      continue;
    }
    if ((mode & 0o077) !== 0)
      exposed.push({ ...file, mode: `0${mode.toString(8).padStart(3, '0')}` });
  }
  return exposed;
}

/** What is exposed, for a log line or `zoomlink doctor` (the fix is `chmod 600 <path>`). */
export function describeExposedFile(file: ExposedFile): string {
  const holds = file.field === 'ZOOMLINK_CONFIG' ? 'it may hold secrets' : 'it holds a secret';
  return `${file.field} (${file.path}) can be read by other users of this machine (mode ${file.mode}); ${holds}`;
}
