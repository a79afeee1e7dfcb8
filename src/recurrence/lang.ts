/** The languages zoomlink writes for people in (`sync.invitationLang`). */
export type Lang = 'en' | 'zh-TW';

export const LANGS: readonly Lang[] = ['en', 'zh-TW'];
