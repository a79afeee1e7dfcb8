import { escapeHtml, html, trustedConstant, type SafeHtml } from './html.js';
import { bookingHref, section } from './page-parts.js';
import { blockKinds, type BlockKind, type WeekBlock, type WeekModel } from './week-model.js';

/**
 * The week view: one row per room, the seven days side by side on a time axis, each booking a
 * block coloured by its state and linked to its page. Server-rendered SVG with no script and no
 * style attribute (the CSP allows only the page's stylesheet): positions are SVG geometry, colours
 * are classes. Every title goes through `escapeHtml`.
 */

/** The axis in SVG units: each day is 100 wide, so a block's x is its day plus its fraction. */
const DAY_WIDTH = 100;
const LANE_HEIGHT = 20;

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
  const rows = week.rooms.map((room) => {
    const lane = trustedConstant(
      `<svg class="wk-lane" viewBox="0 0 ${7 * DAY_WIDTH} ${LANE_HEIGHT}" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(
        `${room.name}: ${room.blocks.length} ${room.blocks.length === 1 ? 'booking' : 'bookings'} this week`,
      )}">${separators.text}${nowLine(week)}${room.blocks.map(block).join('')}</svg>`,
    );
    return html`<div class="wk-row">
      <div class="wk-room" title="${room.name}">${room.name}</div>
      ${lane}
    </div>`;
  });
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
          ${rows}
        </div>
      </div>`,
  );
}

/** The red line of "now", when it falls within the hours shown. */
function nowLine(week: WeekModel): string {
  if (!week.now) return '';
  const x = (week.now.day + week.now.at) * DAY_WIDTH;
  return `<path class="wk-now" d="M${coordinate(x)} 0V${LANE_HEIGHT}"/>`;
}

/** A coordinate with at most two decimals, without `toFixed` (thousands per page). */
const coordinate = (n: number) => String(Math.round(n * 100) / 100);

/** Wall-clock ms as `10:00` when on `day`'s date, else as `Sat 5 Dec 10:00`. */
function clock(ms: number, sameDayAs: number): string {
  const d = new Date(ms);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  return Math.floor(ms / 86_400_000) === Math.floor(sameDayAs / 86_400_000) ? time : floating(ms);
}

/**
 * One block, built as a string (a large page has thousands): the link, the rectangle, and a
 * title people see on hover and screen readers read, all escaped.
 */
function block(b: WeekBlock): string {
  const x = (b.day + b.from) * DAY_WIDTH;
  const width = Math.max(0.6, (b.to - b.from) * DAY_WIDTH);
  const label = `${b.title} · ${floating(b.localStart)}–${clock(b.localEnd, b.localStart)} · ${kindLabels[b.kind]}`;
  return `<a href="${escapeHtml(bookingHref(b.eventId))}"><rect class="k-${b.kind}" x="${coordinate(x)}" y="2" width="${coordinate(width)}" height="${LANE_HEIGHT - 4}"><title>${escapeHtml(label)}</title></rect></a>`;
}
