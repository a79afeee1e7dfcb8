import { generateKeyPairSync, randomBytes, randomInt, type KeyObject } from 'node:crypto';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The fields of a Google service account key file that the emulator issues. */
export interface ServiceAccountKey {
  type: 'service_account';
  client_email: string;
  private_key: string;
  private_key_id: string;
  client_id: string;
  token_uri: string;
  project_id: string;
}

export interface IssuedServiceAccount {
  key: ServiceAccountKey;
  publicKey: KeyObject;
}

/**
 * A fresh RSA key pair shaped like a key file from the Cloud console (PKCS#8 PEM, 40-hex
 * `private_key_id`, 21-digit `client_id`). `token_uri` points at the emulator for people reading
 * the file; google-auth-library ignores it (gtoken posts to a constant
 * URL, googleapis/node-gtoken v8.0.0), so tests route the token call themselves.
 */
export function issueServiceAccount(
  tokenUri: string,
  projectId = 'zoomlink-emulator',
): IssuedServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientId = `1${Array.from({ length: 20 }, () => randomInt(10)).join('')}`;
  return {
    publicKey,
    key: {
      type: 'service_account',
      project_id: projectId,
      private_key_id: randomBytes(20).toString('hex'),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: `zoomlink@${projectId}.iam.gserviceaccount.com`,
      client_id: clientId,
      token_uri: tokenUri,
    },
  };
}

/** Writes the key owner-only (0600) into `dir`, or a fresh owner-only temp dir; returns the path. */
export function writeKeyFile(key: ServiceAccountKey, dir?: string): string {
  const folder = dir ?? mkdtempSync(join(tmpdir(), 'zoomlink-google-emulator-'));
  if (!dir) chmodSync(folder, 0o700);
  const path = join(folder, 'service-account.json');
  const file = { ...key, universe_domain: 'googleapis.com' };
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}
