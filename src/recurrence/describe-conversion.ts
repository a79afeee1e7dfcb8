import type { ConversionResult } from './convert.js';
import { describeSeries, formatMeetingTime } from './describe.js';
import type { Lang } from './lang.js';

const WORDS = {
  en: {
    topic: 'Topic',
    time: 'Time',
    anytime: 'This is a recurring meeting Meet anytime',
    occurrences: 'Occurrences',
    meetings: 'One meeting per occurrence',
    skipped: 'No Zoom meeting',
    reason: 'Why',
    deleted: 'Zoom occurrences to delete',
  },
  'zh-TW': {
    topic: '主題',
    time: '時間',
    anytime: '這是一個週期性會議 隨時開會',
    occurrences: '會議日期',
    meetings: '每次各一個會議',
    skipped: '不建立 Zoom 會議',
    reason: '原因',
    deleted: '要刪除的 Zoom 場次',
  },
} as const;

const INDENT = '        ';

/**
 * A conversion for people (`zoomlink convert --format text`): the topic, the time and the series
 * the way a Zoom invitation writes them, the occurrences, and the reason when it is a fallback.
 * `zone` is the event's zone, for showing occurrences of meetings that carry none.
 */
export function describeConversion(result: ConversionResult, zone: string, lang: Lang): string[] {
  const w = WORDS[lang];
  const lines: string[] = [];
  const sep = lang === 'en' ? ': ' : ':';
  const occurrences = result.occurrences.map((o) => new Date(o));
  const meeting = result.meeting;
  if (meeting) lines.push(`${w.topic}${sep}${meeting.topic}`);
  if (result.strategy === 'single' || result.strategy === 'series') {
    const tz = meeting?.timezone ?? zone;
    lines.push(`${w.time}${sep}${formatMeetingTime(occurrences[0]!, tz, lang)}`);
    if (result.strategy === 'series' && meeting?.recurrence) {
      lines.push(
        ...describeSeries(meeting.recurrence, tz, occurrences, lang).map((l) => INDENT + l),
      );
    }
    if (result.deleteOccurrences.length > 0) {
      lines.push(`${w.deleted}${sep}${result.deleteOccurrences.join(', ')}`);
    }
  } else if (result.strategy === 'no_fixed_time') {
    lines.push(`${w.time}${sep}${w.anytime}`);
    if (occurrences.length > 0)
      lines.push(
        `${w.occurrences}${sep}`,
        ...occurrences.map((o) => INDENT + formatMeetingTime(o, zone, lang)),
      );
  } else if (result.strategy === 'per_occurrence') {
    lines.push(`${w.topic}${sep}${result.meetings?.[0]?.topic ?? ''}`, `${w.meetings}${sep}`);
    lines.push(...occurrences.map((o) => INDENT + formatMeetingTime(o, zone, lang)));
  } else {
    lines.push(w.skipped);
  }
  if (result.reason) lines.push(`${w.reason}${sep}${result.reason}`);
  return lines;
}
