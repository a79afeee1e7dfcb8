import type { ConversionResult } from './conversion-result.js';
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
    series: 'Zoom series',
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
  const sep = lang === 'en' ? ': ' : ':';
  const at = (iso: string) => formatMeetingTime(new Date(iso), zone, lang);
  const lines: string[] = [];
  switch (result.strategy) {
    case 'single':
    case 'series': {
      const { meeting } = result;
      const tz = meeting.timezone ?? zone;
      const occurrences = result.occurrences.map((o) => new Date(o));
      lines.push(`${w.topic}${sep}${meeting.topic}`);
      if (occurrences[0])
        lines.push(`${w.time}${sep}${formatMeetingTime(occurrences[0], tz, lang)}`);
      if (result.strategy === 'series') {
        if (meeting.recurrence)
          lines.push(
            ...describeSeries(meeting.recurrence, tz, occurrences, lang).map((l) => INDENT + l),
          );
        // The summary is for the people who run zoomlink, in English (the status page's words).
        if (lang === 'en') lines.push(`${WORDS.en.series}${sep}${result.summary}`);
        if (result.deleteOccurrences.length > 0)
          lines.push(`${w.deleted}${sep}${result.deleteOccurrences.join(', ')}`);
      }
      break;
    }
    case 'no_fixed_time':
      lines.push(`${w.topic}${sep}${result.meeting.topic}`, `${w.time}${sep}${w.anytime}`);
      if (result.occurrences.length > 0)
        lines.push(`${w.occurrences}${sep}`, ...result.occurrences.map((o) => INDENT + at(o)));
      break;
    case 'per_occurrence':
      lines.push(
        `${w.topic}${sep}${result.meetings[0]?.request.topic ?? ''}`,
        `${w.meetings}${sep}`,
      );
      lines.push(...result.meetings.map((m) => INDENT + at(m.occurrence)));
      break;
    case 'skip':
      lines.push(w.skipped);
  }
  if (result.strategy !== 'single' && result.strategy !== 'series')
    lines.push(`${w.reason}${sep}${result.reason}`);
  return lines;
}
