import type { Lang } from './lang.js';

/**
 * How Zoom's invitations name a zone ("Pacific Time (US and Canada)", "Taipei" / "台北" in the
 * seed invitation). Zoom's full list is not in our documents; these are the common zones, and any
 * other zone is named by its city ("America/Argentina/Buenos_Aires" → "Buenos Aires").
 */
const LABELS: Record<string, { en: string; 'zh-TW': string }> = {
  UTC: { en: 'Universal Time UTC', 'zh-TW': '世界標準時間 UTC' },
  'Etc/UTC': { en: 'Universal Time UTC', 'zh-TW': '世界標準時間 UTC' },
  'Pacific/Honolulu': { en: 'Hawaii', 'zh-TW': '夏威夷' },
  'America/Anchorage': { en: 'Alaska', 'zh-TW': '阿拉斯加' },
  'America/Los_Angeles': { en: 'Pacific Time (US and Canada)', 'zh-TW': '美國和加拿大太平洋時間' },
  'America/Denver': { en: 'Mountain Time (US and Canada)', 'zh-TW': '美國和加拿大山區時間' },
  'America/Phoenix': { en: 'Arizona', 'zh-TW': '亞利桑那' },
  'America/Chicago': { en: 'Central Time (US and Canada)', 'zh-TW': '美國和加拿大中部時間' },
  'America/New_York': { en: 'Eastern Time (US and Canada)', 'zh-TW': '美國和加拿大東部時間' },
  'Europe/London': { en: 'London', 'zh-TW': '倫敦' },
  'Europe/Paris': { en: 'Paris', 'zh-TW': '巴黎' },
  'Europe/Berlin': { en: 'Berlin', 'zh-TW': '柏林' },
  'Europe/Amsterdam': { en: 'Amsterdam', 'zh-TW': '阿姆斯特丹' },
  'Asia/Taipei': { en: 'Taipei', 'zh-TW': '台北' },
  'Asia/Shanghai': { en: 'Beijing, Shanghai', 'zh-TW': '北京，上海' },
  'Asia/Hong_Kong': { en: 'Hong Kong', 'zh-TW': '香港' },
  'Asia/Tokyo': { en: 'Tokyo', 'zh-TW': '東京' },
  'Asia/Seoul': { en: 'Seoul', 'zh-TW': '首爾' },
  'Asia/Singapore': { en: 'Singapore', 'zh-TW': '新加坡' },
  'Asia/Jakarta': { en: 'Jakarta', 'zh-TW': '雅加達' },
  'Asia/Kolkata': { en: 'Mumbai, Kolkata, New Delhi', 'zh-TW': '孟買，加爾各答，新德里' },
  'Australia/Sydney': { en: 'Sydney', 'zh-TW': '雪梨' },
  'Pacific/Auckland': { en: 'Auckland', 'zh-TW': '奧克蘭' },
};

export function zoneLabel(zone: string, lang: Lang): string {
  const known = LABELS[zone];
  if (known) return known[lang];
  const city = zone.split('/').pop() ?? zone;
  return city.replace(/_/g, ' ');
}
