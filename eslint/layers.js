// The layer rule of docs/DEVELOPING.md as a lint rule: a module of `src/` may import only from
// itself and from the modules its row names. A module is the longest folder (or top-level file) of
// `src/` listed below that holds the file. Relative imports are resolved, so `../apply/x.js` from
// `src/sync/plan/` and `../../apply/x.js` from a deeper file are judged alike; packages are judged
// by name. Tests, benchmarks and scripts may import anything.
import path from 'node:path';

/** The bottom of the house: what every layer may use. */
const base = ['src/domain', 'src/errors.ts', 'src/util'];
const infra = [...base, 'src/config', 'src/log.ts', 'src/log-sentences.ts'];

/** Module → the modules it may import from (besides itself). `*` = anything. */
export const layers = {
  'src/cli': ['*'],
  'src/daemon': [...infra, 'src/sync', 'src/store', 'src/recurrence', 'src/invitation'],
  'src/sync': [...infra, 'src/sync/plan', 'src/sync/apply', 'src/sync/passes', 'src/store'],
  'src/sync/passes': [...infra, 'src/sync/plan', 'src/sync/apply', 'src/store', 'src/recurrence'],
  'src/sync/apply': [...infra, 'src/sync/plan', 'src/store', 'src/recurrence', 'src/invitation'],
  'src/sync/plan': [...base, 'src/config', 'src/store', 'src/recurrence', 'src/invitation'],
  'src/invitation': [...base, 'src/recurrence'],
  'src/recurrence': base,
  'src/google': infra,
  'src/zoom': infra,
  'src/store': infra,
  'src/emulators': [],
  'src/config': base,
  'src/log.ts': [...base, 'src/log-sentences.ts'],
  'src/log-sentences.ts': [],
  'src/domain': [],
  'src/util': ['src/errors.ts'],
  'src/errors.ts': [],
};

/** Packages only one module may import (the thin adapters of DESIGN.md). */
export const packageOwners = {
  axios: ['src/zoom'],
  googleapis: ['src/google'],
  'google-auth-library': ['src/google'],
  gaxios: ['src/google'],
  'better-sqlite3': ['src/store', 'src/daemon'],
};

function moduleOf(relative) {
  const posix = relative.split(path.sep).join('/');
  let best;
  for (const name of Object.keys(layers))
    if ((posix === name || posix.startsWith(`${name}/`)) && (!best || name.length > best.length))
      best = name;
  return best;
}

function packageName(source) {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports point down the layers of docs/DEVELOPING.md.' },
    schema: [],
    messages: {
      upward:
        '{{from}} may not import from {{to}} (docs/DEVELOPING.md, "Layout and imports"). Move the shared piece down to a module both may use.',
      package:
        '{{from}} may not import {{name}}: only {{owners}} do (the thin adapter owns its library).',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename);
    const from = moduleOf(file);
    if (!from || layers[from].includes('*')) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string') return;
      if (!source.startsWith('.')) {
        const name = packageName(source);
        const owners = packageOwners[name];
        if (owners && !owners.includes(from))
          context.report({
            node,
            messageId: 'package',
            data: { from, name, owners: owners.join(', ') },
          });
        return;
      }
      const target = path.relative(root, path.resolve(path.dirname(context.filename), source));
      const to = moduleOf(target.replace(/\.js$/, '.ts'));
      if (!to || to === from || layers[from].includes(to)) return;
      context.report({ node, messageId: 'upward', data: { from, to } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { layers: layersRule } };
