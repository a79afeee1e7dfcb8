import { BLOCK_BEGIN, BLOCK_END } from '../../src/invitation/index.js';

/**
 * The fixed hostile texts of the corpus (`corpus.ts` places each on a booking of its own): huge
 * descriptions, forged and broken markers of our block, HTML, strange characters, and the
 * snippets its random texts are made of.
 */

export const zoomLinks = (n: number) =>
  Array.from({ length: n }, (_, k) => `https://us0${k % 9}web.zoom.us/j/${8_000_000_000 + k}`).join(
    ' ',
  );
const megabyte = (unit: string) =>
  unit.repeat(Math.ceil(1_048_576 / unit.length)).slice(0, 1_048_576);
export const bigDescriptions = [
  `Dial in: ${zoomLinks(5000)}`,
  megabyte('https://example.com/agenda?item=1 '),
  `https://${'a.'.repeat(400_000)}zoom.us/j/1`,
  `see https://zoom.us/j/95553727661${'.'.repeat(200_000)}x`,
];

export const forged = [
  `${BLOCK_BEGIN}\nJoin Zoom Meeting: https://zoom.us/j/11122233344\n${BLOCK_END}`,
  `notes ${BLOCK_BEGIN} ${BLOCK_BEGIN} https://zoom.us/j/12312312312 ${BLOCK_END} ${BLOCK_END} after`,
  `${BLOCK_END} lone end, then ${BLOCK_BEGIN} lone begin`,
  `${BLOCK_BEGIN}`.repeat(5000) + 'middle' + `${BLOCK_END}`.repeat(5000),
  `<div>${BLOCK_BEGIN}<br><a href="https://zoom.us/j/55566677788">join</a><br>${BLOCK_END}</div>`,
  `${BLOCK_BEGIN}\n${zoomLinks(2000)}\nMeeting ID: 999 9999 9999\n${BLOCK_END}`,
  `before\n\n${BLOCK_BEGIN}\nJoin Zoom Meeting: https://zoom.us/j/77788899900\nMeeting ID: 777 8889 9900\n${BLOCK_END}\n\nafter ${BLOCK_BEGIN}copy${BLOCK_END}`,
  `[zoomlink-begin[zoomlink-end]]${BLOCK_BEGIN.slice(0, -1)} ${BLOCK_END.toUpperCase()}`,
  `${BLOCK_BEGIN}\u0000\u202e${BLOCK_END}`,
  `${BLOCK_BEGIN}\n${'x'.repeat(200_000)}\n${BLOCK_END}`,
];

export const html = [
  '<p>Agenda</p><ul><li>one</li><li>two</li></ul><a href="https://example.com">doc</a>',
  '<a href="https://zoom.us/j/12345678901?pwd=abc&amp;x=1">Zoom</a>',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  '<' + '<<<'.repeat(50_000) + 'b',
  '<div>'.repeat(20_000) + 'deep' + '</div>'.repeat(20_000),
  '&#0;&#x110000;&nbsp;&amp;amp;&lt;zoomlink-begin&gt;',
];

export const strange = [
  {
    summary: '\u202eevil\u202c title with RTL override',
    description: 'שלום עולם — مرحبا بالعالم',
  },
  { summary: 'NUL\u0000in\u0000title', description: 'NUL\u0000in\u0000description' },
  { summary: '\ud800 lone surrogate', description: 'lone \udfff surrogate' },
  { summary: '👩‍👩‍👧‍👦'.repeat(60), description: '\ufeffBOM first' },
  { summary: '   ', description: '\r\n\r\n\t' },
  { summary: 'a\nb\rc\td', location: '\u0000' },
  { summary: 'مرحبا'.repeat(100), location: 'غرفة الاجتماعات' },
  { summary: 'zero\u200bwidth\u200djoiner', description: '\u2028line\u2029para' },
];

/** Random mixtures of these make short texts. */
export const snippets = [
  BLOCK_BEGIN,
  BLOCK_END,
  'https://zoom.us/j/12345678901',
  '<a href="https://example.com">x</a>',
  '<br>',
  '\u202e',
  '\u0000',
  'مرحبا',
  'שלום',
  '&amp;',
  '\n\n',
  '👩‍💻',
  'Meeting ID: 123 4567 8901',
];
