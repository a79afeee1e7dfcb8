import { createHash } from 'node:crypto';
import { trustedConstant } from './html.js';

/**
 * The one stylesheet of every page the daemon serves (the status page, a booking's page, the
 * "no such booking" page): the Content-Security-Policy allows exactly it, by its hash, and no
 * inline style attribute. Readable on a phone: tables fold into labelled cards, the week view
 * scrolls sideways inside its own box. A state's colour is a custom property (`--k`) that each
 * swatch, badge and block reads for itself: a block inside a visited link would otherwise lose
 * the fill it inherits from its group (Chromium draws it black).
 */
const style = `
:root{color-scheme:light dark;--ok:#1a7f37;--bad:#c62828;--warn:#9a6700;--mute:#6b7280;--line:#d0d7de}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:72rem;padding:1rem}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.6rem 0 .5rem}
.demo{background:#fff4ce;color:#3b2e00;border:1px solid #e3c55b;padding:.6rem .8rem;border-radius:6px}
.meta,.mute{color:var(--mute)}.ok{color:var(--ok)}.bad{color:var(--bad)}.warn{color:var(--warn)}
.counts,.legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;margin:.6rem 0;padding:0;list-style:none}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.85rem;color:var(--mute);font-weight:600}
td{overflow-wrap:anywhere}.err{font-family:ui-monospace,monospace;font-size:.85rem}
.k-linked{--k:#2da44e}.k-pending{--k:#d4a72c}.k-failed{--k:#cf222e}.k-skipped{--k:#8c959f}.k-foreign{--k:#8250df}
.sw{display:inline-block;width:.9rem;height:.9rem;border-radius:2px;vertical-align:-.1rem;margin-right:.3rem;background:var(--k)}
.badge{display:inline-block;padding:0 .45rem;border-radius:4px;color:#fff;font-size:.85rem;background:var(--k)}
.wk-lane rect{fill:var(--k)}
.wk-scroll{overflow-x:auto}.wk{min-width:36rem;position:relative}
.wk-nowlayer{position:absolute;top:0;bottom:0;left:8.5rem;width:calc(100% - 8.5rem);height:100%;pointer-events:none}
.wk-row{display:grid;grid-template-columns:8rem 1fr;gap:.5rem;align-items:center;border-bottom:1px solid var(--line)}
.wk-room{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-size:.9rem}
.wk-days{display:grid;grid-template-columns:repeat(7,1fr);font-size:.8rem;color:var(--mute)}
.wk-days span{border-left:1px solid var(--line);padding-left:.25rem;white-space:nowrap;overflow:hidden}
.wk-lane{display:block;width:100%;height:1.75rem}
.wk-sep{stroke:var(--line);stroke-width:1;vector-effect:non-scaling-stroke}
.wk-now{stroke:var(--bad);stroke-width:2;vector-effect:non-scaling-stroke}
.wk-lane a:hover,.wk-lane a:focus{opacity:.6}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.6rem 0}.facts dt{color:var(--mute)}.facts dd{margin:0;overflow-wrap:anywhere}
@media (max-width:640px){thead{display:none}tr{display:block;border-bottom:1px solid var(--line);padding:.4rem 0}
td{display:block;border:0;padding:.1rem 0}td[data-label]::before{content:attr(data-label) ": ";color:var(--mute);font-size:.8rem}
.wk-row{grid-template-columns:5.5rem 1fr}.wk-nowlayer{left:6rem;width:calc(100% - 6rem)}.facts{grid-template-columns:1fr}.facts dd{margin-bottom:.3rem}}
`;

/** For the Content-Security-Policy: only this exact stylesheet may apply. */
export const pageStyleHash = `sha256-${createHash('sha256').update(style).digest('base64')}`;

/**
 * The element is built here, not in a page template, so that nothing (a formatter reflowing the
 * template) can put whitespace inside it and break the hash above.
 */
export const styleElement = trustedConstant(`<style>${style}</style>`);
