/**
 * A strict parser of the Prometheus text exposition format (0.0.4), for tests: it throws on any
 * line a Prometheus server would refuse, so a test that parses `/metrics` proves it is scrapable.
 * https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  samples: Sample[];
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const types = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const family = (name: string): MetricFamily => {
    let f = families.get(name);
    if (!f) {
      f = { name, help: '', type: 'untyped', samples: [] };
      families.set(name, f);
    }
    return f;
  };
  const lines = text.split('\n');
  if (lines.at(-1) !== '') throw new Error('the exposition must end with a newline');
  lines.forEach((line, index) => {
    const where = `line ${index + 1}: ${JSON.stringify(line)}`;
    if (line === '') return;
    if (line.startsWith('#')) {
      const match = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (!match) return; // a plain comment
      const [, kind, name, rest] = match as unknown as [string, string, string, string];
      if (!metricName.test(name)) throw new Error(`bad metric name, ${where}`);
      if (kind === 'HELP') family(name).help = rest;
      else {
        if (!types.has(rest)) throw new Error(`bad type, ${where}`);
        if (family(name).samples.length > 0) throw new Error(`TYPE after samples, ${where}`);
        family(name).type = rest as MetricFamily['type'];
      }
      return;
    }
    const sample = parseSample(line, where);
    const base = familyOf(sample.name, families);
    family(base).samples.push(sample);
  });
  return families;
}

function familyOf(name: string, families: Map<string, MetricFamily>): string {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    const base = name.slice(0, -suffix.length);
    if (name.endsWith(suffix) && ['histogram', 'summary'].includes(families.get(base)?.type ?? ''))
      return base;
  }
  return name;
}

function parseSample(line: string, where: string): Sample {
  let i = 0;
  while (i < line.length && /[a-zA-Z0-9_:]/.test(line[i]!)) i += 1;
  const name = line.slice(0, i);
  if (!metricName.test(name)) throw new Error(`bad metric name, ${where}`);
  const labels: Record<string, string> = {};
  if (line[i] === '{') {
    i += 1;
    while (line[i] !== '}') {
      const start = i;
      while (i < line.length && line[i] !== '=') i += 1;
      const label = line.slice(start, i).trim();
      if (!labelName.test(label)) throw new Error(`bad label name ${label}, ${where}`);
      if (line[i + 1] !== '"') throw new Error(`label value not quoted, ${where}`);
      i += 2;
      let value = '';
      for (;;) {
        const ch = line[i];
        if (ch === undefined) throw new Error(`unterminated label value, ${where}`);
        if (ch === '"') break;
        if (ch === '\\') {
          const next = line[i + 1];
          if (next === 'n') value += '\n';
          else if (next === '\\' || next === '"') value += next;
          else throw new Error(`bad escape, ${where}`);
          i += 2;
        } else {
          value += ch;
          i += 1;
        }
      }
      if (label in labels) throw new Error(`label ${label} twice, ${where}`);
      labels[label] = value;
      i += 1;
      if (line[i] === ',') i += 1;
      else if (line[i] !== '}') throw new Error(`expected , or }, ${where}`);
    }
    i += 1;
  }
  const rest = line.slice(i).trim().split(/\s+/);
  if (line[i] !== ' ' || rest.length < 1 || rest.length > 2) throw new Error(`bad value, ${where}`);
  const value = parseFloatLikeGo(rest[0]!);
  if (value === undefined) throw new Error(`bad number, ${where}`);
  if (rest[1] !== undefined && !/^-?\d+$/.test(rest[1])) throw new Error(`bad timestamp, ${where}`);
  return { name, labels, value };
}

/** The value of one sample whose labels include `labels`, or undefined. */
export function sampleValue(
  families: Map<string, MetricFamily>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const family of families.values()) {
    for (const sample of family.samples) {
      if (sample.name !== name) continue;
      if (Object.entries(labels).every(([k, v]) => sample.labels[k] === v)) return sample.value;
    }
  }
  return undefined;
}

/**
 * Prometheus reads values with Go's strconv.ParseFloat, which takes NaN and Inf in any case
 * (prom-client writes `Nan` for an empty event-loop histogram).
 */
function parseFloatLikeGo(raw: string): number | undefined {
  const lower = raw.toLowerCase();
  if (lower === 'nan') return NaN;
  if (/^[+]?inf(inity)?$/.test(lower)) return Infinity;
  if (/^-inf(inity)?$/.test(lower)) return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw)) return undefined;
  return Number(raw);
}
