import type { ZoomRecurrence } from '../domain/zoom-meeting.js';
import { wallClockOf } from './zone-time.js';
import type { Lang } from './lang.js';
import { zoneLabel } from './zone-labels.js';

/**
 * Descriptions for people, in the words Zoom's invitations use. English from real Zoom
 * invitations ("Every week on Mon, until May 18, 2020, 6 occurrence(s)", time lines like
 * "Apr 13, 2020 10:00 AM"); Traditional Chinese from the seed invitation
 * ("每星期的星期一, 到 2022年1月31日結束, 共 6 次會議", "2021年12月27日 15:30 台北"). Zoom's
 * wording for the daily and monthly forms was not found and follows the same pattern.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const NTH_EN: Record<number, string> = {
  1: 'First',
  2: 'Second',
  3: 'Third',
  4: 'Fourth',
  [-1]: 'Last',
};
const NTH_ZH: Record<number, string> = {
  1: '第一個',
  2: '第二個',
  3: '第三個',
  4: '第四個',
  [-1]: '最後一個',
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** "Dec 27, 2021" / "2021年12月27日" of the local date an instant shows in a zone. */
export function formatDate(instant: Date, zone: string, lang: Lang): string {
  const d = new Date(wallClockOf(instant.getTime(), zone));
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  return lang === 'en' ? `${MONTHS[m]} ${day}, ${y}` : `${y}年${m + 1}月${day}日`;
}

/** "Dec 27, 2021 03:30 PM" / "2021年12月27日 15:30": an instant as wall-clock time in a zone. */
export function formatDateTime(instant: Date, zone: string, lang: Lang): string {
  const d = new Date(wallClockOf(instant.getTime(), zone));
  const [h, mi] = [d.getUTCHours(), d.getUTCMinutes()];
  if (lang === 'zh-TW') return `${formatDate(instant, zone, lang)} ${pad(h)}:${pad(mi)}`;
  return `${formatDate(instant, zone, lang)} ${pad(h % 12 === 0 ? 12 : h % 12)}:${pad(mi)} ${h < 12 ? 'AM' : 'PM'}`;
}

/** The `Time:` line's value: "Dec 27, 2021 03:30 PM Taipei" / "2021年12月27日 15:30 台北". */
export function formatMeetingTime(instant: Date, zone: string, lang: Lang): string {
  return `${formatDateTime(instant, zone, lang)} ${zoneLabel(zone, lang)}`;
}

/** "Every week on Mon" / "每星期的星期一": the repeat pattern of a Zoom recurrence. */
export function describeRecurrence(recurrence: ZoomRecurrence, lang: Lang): string {
  const n = recurrence.repeat_interval ?? 1;
  const en = lang === 'en';
  if (recurrence.type === 1) {
    if (en) return n === 1 ? 'Every day' : `Every ${n} days`;
    return n === 1 ? '每天' : `每 ${n} 天`;
  }
  if (recurrence.type === 2) {
    const days = (recurrence.weekly_days ?? '1').split(',').map((d) => Number(d) - 1);
    if (en)
      return `${n === 1 ? 'Every week' : `Every ${n} weeks`} on ${days.map((d) => DAYS_EN[d]).join(', ')}`;
    return `${n === 1 ? '每星期' : `每 ${n} 星期`}的${days.map((d) => DAYS_ZH[d]).join('、')}`;
  }
  const every = en
    ? n === 1
      ? 'Every month'
      : `Every ${n} months`
    : n === 1
      ? '每月'
      : `每 ${n} 個月`;
  if (recurrence.monthly_week !== undefined && recurrence.monthly_week_day !== undefined) {
    const day = recurrence.monthly_week_day - 1;
    if (en) return `${every} on the ${NTH_EN[recurrence.monthly_week]} ${DAYS_EN[day]}`;
    return `${every}的${NTH_ZH[recurrence.monthly_week]}${DAYS_ZH[day]}`;
  }
  const monthDay = recurrence.monthly_day ?? 1;
  return en ? `${every} on the ${ordinal(monthDay)}` : `${every}的 ${monthDay} 日`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

/**
 * The lines Zoom puts under `Time:` for a series: the pattern with its end and count, then every
 * occurrence ("Dec 27, 2021 03:30 PM"). `occurrences` are the ones that take place (deleted
 * ones left out), in order.
 */
export function describeSeries(
  recurrence: ZoomRecurrence,
  zone: string,
  occurrences: Date[],
  lang: Lang,
): string[] {
  const last = occurrences[occurrences.length - 1];
  const pattern = describeRecurrence(recurrence, lang);
  const count = occurrences.length;
  const head =
    last === undefined
      ? pattern
      : lang === 'en'
        ? `${pattern}, until ${formatDate(last, zone, lang)}, ${count} occurrence(s)`
        : `${pattern}, 到 ${formatDate(last, zone, lang)}結束, 共 ${count} 次會議`;
  return [head, ...occurrences.map((o) => formatDateTime(o, zone, lang))];
}
