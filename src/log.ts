import winston from 'winston';
import type { Writable } from 'node:stream';
import { printable, sentenceFor } from './log-sentences.js';

/**
 * One logger for the whole process. JSON lines when the output is not a terminal (PM2, files,
 * pipes), readable lines on a terminal: there, what the engine did is one sentence a person reads
 * (`log-sentences.ts`), and a pass that did nothing prints nothing. Every record passes through `redact` first, so a token,
 * secret, private key or meeting passcode cannot reach a log line, wherever it hides in the record.
 */

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export type LogFormat = 'auto' | 'json' | 'pretty';
export type Logger = winston.Logger;

const REDACTED = '[REDACTED]';

/** Keys whose values are secrets, whatever their type. */
const secretKeys =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-zm-signature|access_?token|refresh_?token|id_?token|token|bearer|client_?secret|secret|api_?secret|password|passcode|pwd|h323_password|pstn_password|encrypted_password|private_?key|private_key_id|assertion|zak|start_url)$/i;
/** Keys that end like a secret (`zoomClientSecret`, `adminPassword`) but are not paging cursors. */
const secretSuffix = /(secret|secrettoken|password|passcode|accesstoken|refreshtoken|privatekey)$/i;

/** `=` or `&`, also percent-encoded once or twice (a join link inside another URL). */
const equals = '(?:=|%3D|%253D)';
const ampersand = '(?:&|%26|%2526)';

/** Secrets embedded in free text: headers, URLs, form bodies, PEM blocks, JSON fragments. */
const textPatterns: Array<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, REDACTED],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // A JWT wherever it stands (Zoom's access tokens, Google's assertions): `{"` in base64url is
  // `eyJ`, so every JWT starts with it; the signature may be empty (alg none).
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  [
    new RegExp(
      `((?:[?#;]|${ampersand}|%3F|%253F)(?:pwd|zak|access_token|refresh_token|client_secret|assertion|token|tk)${equals})(?:(?!${ampersand})[^\\s"'#])+`,
      'gi',
    ),
    `$1${REDACTED}`,
  ],
  // Zoom's start-as-host token, wherever it stands (a fragment, a cookie, a line of its own).
  [new RegExp(`(zak${equals})[^&\\s"';#]+`, 'gi'), `$1${REDACTED}`],
  [
    /("(?:access_token|refresh_token|id_token|client_secret|clientSecret|password|passcode|private_key|assertion|encrypted_password|h323_password|pstn_password|zak|pwd|tk)"\s*:\s*")(?:[^"\\]|\\.)*"/gi,
    `$1${REDACTED}"`,
  ],
  [
    /\b((?:access_token|refresh_token|client_secret|assertion|password|passcode)=)[^&\s"']+/gi,
    `$1${REDACTED}`,
  ],
  [/(Passcode|Password|密碼)(\s*[:：]\s*)\S+/gi, `$1$2${REDACTED}`],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of textPatterns) out = out.replace(pattern, replacement);
  return out;
}

function isSecretKey(key: string): boolean {
  if (/^(sync|nextSync|page|nextPage|next_page)_?token$/i.test(key)) return false;
  return secretKeys.test(key) || secretSuffix.test(key);
}

/** A deep copy of `value` with every secret replaced; cycles and depth are bounded. */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth > 12) return '[…]';
  seen.add(value);
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: redactText(value.message) };
    for (const [key, inner] of Object.entries(value)) {
      out[key] = isSecretKey(key) ? REDACTED : redact(inner, depth + 1, seen);
    }
    return out;
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      isSecretKey(key) && inner !== '' && inner != null ? REDACTED : redact(inner, depth + 1, seen);
  }
  return out;
}

/** winston keeps level and message under symbols too; redact the visible fields and keep those. */
const redactFormat = winston.format((info) => {
  const clean = redact({ ...info }) as Record<string, unknown>;
  for (const key of Object.keys(info)) delete (info as Record<string, unknown>)[key];
  Object.assign(info, clean);
  return info;
});

/** A record's sentence (`log-sentences.ts`), computed once by `sentences` for `pretty`. */
const SENTENCE = Symbol('sentence');

/**
 * Readable logs speak in sentences: a record that has one carries it to `pretty`; one that a
 * readable log leaves out (a pass that did nothing) is dropped here.
 */
const sentences = winston.format((info) => {
  const { message, timestamp, ...fields } = info as Record<string, unknown>;
  const now = new Date(typeof timestamp === 'string' ? timestamp : Date.now());
  const sentence = sentenceFor(String(message), fields, now);
  if (sentence === null) return false;
  if (sentence !== undefined) (info as Record<symbol, unknown>)[SENTENCE] = sentence;
  return info;
});

/** The time of a record on this machine's clock, as people read it: `14:03:27`. */
function clockTime(timestamp: unknown): string {
  const at = new Date(typeof timestamp === 'string' ? timestamp : Number.NaN);
  if (Number.isNaN(at.getTime())) return String(timestamp ?? '').slice(11, 19);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}

const pretty = winston.format.printf((info) => {
  const { level, message, timestamp, ...rest } = info as Record<string, unknown>;
  const time = clockTime(timestamp);
  const sentence = (info as Record<symbol, unknown>)[SENTENCE];
  if (typeof sentence === 'string')
    return `${time}  ${level === 'info' ? '' : `${String(level)}: `}${sentence}`;
  const fields = Object.entries(rest)
    .filter(([key]) => typeof key === 'string')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return printable(
    `${time} ${String(level).padEnd(5)} ${String(message)}${fields ? `  ${fields}` : ''}`,
  );
});

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  /** Where lines go; stderr by default, so a command's own output on stdout stays clean. */
  stream?: Writable & { isTTY?: boolean };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const format = options.format ?? 'auto';
  const readable = format === 'pretty' || (format === 'auto' && Boolean(stream.isTTY));
  return winston.createLogger({
    level: options.level ?? 'info',
    format: winston.format.combine(
      winston.format.errors({ stack: false }),
      redactFormat(),
      winston.format.timestamp(),
      ...(readable ? [sentences(), pretty] : [winston.format.json()]),
    ),
    transports: [new winston.transports.Stream({ stream })],
  });
}

/** The process logger. `configureLogger` replaces its settings once the config is read. */
export const logger: Logger = createLogger({
  level: (process.env.ZOOMLINK_LOG_LEVEL as LogLevel | undefined) ?? 'info',
});

export function configureLogger(options: LoggerOptions): void {
  const fresh = createLogger(options);
  logger.configure({ level: fresh.level, format: fresh.format, transports: fresh.transports });
}
