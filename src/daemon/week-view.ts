import { escapeHtml, html, trustedConstant, type SafeHtml } from './html.js';
import { bookingHref, isolated, section } from './page-parts.js';
import {
  blockKinds,
  type BlockKind,
  type WeekBlock,
  type WeekModel,
  type WeekRoom,
} from './week-model.js';

/**
 * The week view: one row per room, the seven days side by side on a time axis, each booking a
 * block coloured by its state and linked to its page. Server-rendered SVG with no script and no
 * style attribute (the CSP allows only the page's stylesheet): positions are SVG geometry, colours
 * are classes. Every title goes through `escapeHtml`.
 */

/**
 * The axis in SVG units: each day is 100 wide, so a block's x is its day plus its fraction; a lane
 * is 1 high, stretched to its CSS height (`preserveAspectRatio="none"`), so a block needs no y.
 */
const DAY_WIDTH = 100;
const LANE_HEIGHT = 1;

export const kindLabels: Record<BlockKind, string> = {
  linked: 'linked',
  pending: 'pending',
  failed: 'failed',
  skipped: 'skipped',
  foreign: 'other conference',
};

const two = (n: number) => String(n).padStart(2, '0');
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Wall-clock ms as `Sat 5 Dec 10:00` (no Intl call: a large page has thousands of blocks). */
function floating(ms: number): string {
  const d = new Date(ms);
  return `${weekdays[d.getUTCDay()]} ${d.getUTCDate()} ${months[d.getUTCMonth()]} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** Separators between the days, drawn once per lane. */
const separators = trustedConstant(
  `<path class="wk-sep" d="${Array.from({ length: 8 }, (_, d) => `M${d * DAY_WIDTH} 0V${LANE_HEIGHT}`).join('')}"/>`,
);

export function renderWeek(week: WeekModel): SafeHtml {
  const days = week.days.map(
    (date) => html`<span>${floating(Date.parse(`${date}T00:00:00Z`)).slice(0, -6)}</span>`,
  );
  const legend = blockKinds.map(
    (kind) =>
      html`<li><span class="sw k-${kind}"></span>${kindLabels[kind]} (${week.counts[kind]})</li>`,
  );
  const rows = lanes(week.rooms);
  return section(
    'week',
    'The next 7 days',
    html`<ul class="legend" aria-label="blocks by state">
        ${legend}
      </ul>
      <p class="mute">
        ${two(week.fromHour)}:00–${two(week.toHour)}:00 each day, ${week.zone}. A block is one
        occurrence; it links to its booking.
      </p>
      <div class="wk-scroll">
        <div class="wk">
          <div class="wk-row">
            <div></div>
            <div class="wk-days">${days}</div>
          </div>
          ${rows} ${nowLine(week)}
        </div>
      </div>`,
  );
}

/**
 * The rooms' rows, kept by the rooms as the model gives them: between two polls the model hands
 * out the same week, and its rows are not built again.
 */
const rendered = new WeakMap<WeekRoom[], SafeHtml>();

function lanes(rooms: WeekRoom[]): SafeHtml {
  let text = rendered.get(rooms);
  if (!text) {
    text = trustedConstant(rooms.map(lane).join(''));
    rendered.set(rooms, text);
  }
  return text;
}

/**
 * A room's row, kept while the room shows the same blocks (the same objects: see `WeekCache`):
 * after a poll, most rooms' rows are the ones drawn before it.
 */
let lastLanes = new Map<string, { room: WeekRoom; text: string }>();

function lane(room: WeekRoom): string {
  const last = lastLanes.get(room.calendarId);
  if (last && sameRoom(last.room, room)) return last.text;
  const text = laneOf(room);
  lastLanes.set(room.calendarId, { room, text });
  if (lastLanes.size > 10_000) lastLanes = new Map();
  return text;
}

function sameRoom(a: WeekRoom, b: WeekRoom): boolean {
  return (
    a.name === b.name &&
    a.blocks.length === b.blocks.length &&
    a.blocks.every((block, i) => block === b.blocks[i])
  );
}

function laneOf(room: WeekRoom): string {
  const count = `${room.blocks.length} ${room.blocks.length === 1 ? 'booking' : 'bookings'}`;
  return html`<div class="wk-row">
    <div class="wk-room" title="${room.name}">${room.name}</div>
    ${trustedConstant(
      `<svg class="wk-lane" viewBox="0 0 ${7 * DAY_WIDTH} ${LANE_HEIGHT}" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(`${room.name}: ${count} this week`)}">${separators.text}${groups(room.blocks)}</svg>`,
    )}
  </div>`.text;
}

/** The red line of "now" over every lane, when it falls within the hours shown. */
function nowLine(week: WeekModel): SafeHtml | null {
  if (!week.now) return null;
  const x = (week.now.day + week.now.at) * DAY_WIDTH;
  return trustedConstant(
    `<svg class="wk-nowlayer" viewBox="0 0 ${7 * DAY_WIDTH} 1" preserveAspectRatio="none" aria-hidden="true"><path class="wk-now" d="M${coordinate(x)} 0V1"/></svg>`,
  );
}

/** A coordinate with at most one decimal (a thousandth of a day), without `toFixed`. */
const coordinate = (n: number) => String(Math.round(n * 10) / 10);

/** Wall-clock ms as `10:00` when on the date of `sameDayAs`, else as `Sat 5 Dec 10:00`. */
function clock(ms: number, sameDayAs: number): string {
  const d = new Date(ms);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  return Math.floor(ms / 86_400_000) === Math.floor(sameDayAs / 86_400_000) ? time : floating(ms);
}

/** A lane's blocks in one group per state, the group coloured by its class (fewer bytes). */
function groups(blocks: WeekBlock[]): string {
  let out = '';
  for (const kind of blockKinds) {
    let group = '';
    for (const b of blocks) if (b.kind === kind) group += block(b);
    if (group) out += `<g class="k-${kind}">${group}</g>`;
  }
  return out;
}

/**
 * Blocks as rendered, by the block: the week's model hands out the same block while its booking
 * is unchanged (see `WeekCache`), so a fresh page renders only the bookings that changed.
 */
const renderedBlocks = new WeakMap<WeekBlock, string>();

function block(b: WeekBlock): string {
  let text = renderedBlocks.get(b);
  if (text === undefined) {
    text = renderBlock(b);
    renderedBlocks.set(b, text);
  }
  return text;
}

/**
 * One block, built as a string (a large page has thousands): the link, the rectangle, and a
 * title people see on hover and screen readers read, all escaped.
 */
function renderBlock(b: WeekBlock): string {
  const x = (b.day + b.from) * DAY_WIDTH;
  const width = Math.max(0.6, (b.to - b.from) * DAY_WIDTH);
  // The lane's column says the date: the weekday and the hours say the rest.
  const label = `${isolated(b.title)} · ${floating(b.localStart).slice(0, 3)} ${clock(b.localStart, b.localStart)}–${clock(b.localEnd, b.localStart)} · ${kindLabels[b.kind]}`;
  return `<a href="${escapeHtml(bookingHref(b.eventId))}"><rect x="${coordinate(x)}" width="${coordinate(width)}" height="1"><title>${escapeHtml(label)}</title></rect></a>`;
}
