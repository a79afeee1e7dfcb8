/**
 * HTML built so that escaping cannot be forgotten: `html\`…\`` escapes every interpolated value
 * unless it is itself the result of `html` (or `join` of such results). Event titles, organizer
 * names and error texts come from people and from remote APIs; any of them may carry markup.
 */
const brand: unique symbol = Symbol('SafeHtml');

export interface SafeHtml {
  readonly [brand]: true;
  readonly text: string;
}

export type Interpolation =
  SafeHtml | string | number | boolean | null | undefined | readonly SafeHtml[];

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for HTML element content and for quoted attribute values. */
export function escapeHtml(text: string): string {
  return special.test(text) ? text.replace(/[&<>"'`]/g, (ch) => entities[ch]!) : text;
}

const special = /[&<>"'`]/;

function safe(text: string): SafeHtml {
  return { [brand]: true, text };
}

export function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && brand in value;
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map((item: SafeHtml) => item.text).join('');
  if (isSafeHtml(value)) return value.text;
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i += 1) out += render(values[i]) + (strings[i + 1] ?? '');
  return safe(out);
}

/**
 * A link target that cannot run script: only absolute http(s) URLs pass (a join URL from Zoom,
 * or anything a hostile payload put there, is shown as text otherwise).
 */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** Marks a constant of the code (a stylesheet) as HTML. Never pass it data. */
export function trustedConstant(text: string): SafeHtml {
  return safe(text);
}
