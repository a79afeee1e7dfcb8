import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_BEGIN,
  BLOCK_END,
  findBlocks,
  findForeignZoomLinks,
  isHtml,
  readBlock,
  removeBlock,
  renderBlock,
  replaceBlock,
  type BlockContent,
  type BlockMeeting,
} from '../../../src/invitation/index.js';

/** Pieces of what people (and other tools) leave in descriptions, the hostile ones included. */
const arbPiece = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      BLOCK_BEGIN,
      BLOCK_END,
      '[zoomlink-',
      'zoomlink-begin]',
      '[zoomlink-end',
      '[ZOOMLINK-BEGIN]',
      '<br>',
      '<br/>',
      '<b>',
      '</b>',
      '<div>',
      '</div>',
      '<a href="https://zoom.us/j/123456789?pwd=a&amp;b=c">join</a>',
      '<b',
      '<',
      '>',
      '&amp;',
      '&nbsp;',
      '&#',
      '\n',
      '\n\n',
      '<br><br>',
      'https://zoom.us/j/98765432101',
      'https://us02web.zoom.us/j/1234567890?pwd=xyz.',
      'Meeting ID: 123 4567 8901',
      '會議 ID:',
      '  ',
    ),
  },
);
const arbText = fc.array(arbPiece, { maxLength: 25 }).map((pieces) => pieces.join(''));
/** Text with no complete block in it (what people write). */
const arbPeoplesText = arbText.filter((t) => findBlocks(t).length === 0);

const arbContent: fc.Arbitrary<BlockContent> = fc
  .record({
    meetingId: fc.integer({ min: 100_000_000, max: 99_999_999_999 }).map(String),
    pwd: fc.string({
      unit: fc.constantFrom(...'abcdefXYZ0123456789'),
      minLength: 0,
      maxLength: 32,
    }),
    host: fc.constantFrom('zoom.us', 'us02web.zoom.us', 'acme.zoom.us'),
    passcode: fc.option(
      fc.string({ unit: fc.constantFrom(...'aZ09@-_*'), minLength: 1, maxLength: 10 }),
      { nil: undefined },
    ),
    lang: fc.constantFrom('en' as const, 'zh-TW' as const),
  })
  .map(({ meetingId, pwd, host, passcode, lang }) => {
    const meeting: BlockMeeting = {
      joinUrl: `https://${host}/j/${meetingId}${pwd ? `?pwd=${pwd}&uname=x` : ''}`,
      meetingId,
    };
    if (passcode !== undefined) meeting.passcode = passcode;
    const content: BlockContent = { lang, meetings: [meeting] };
    return content;
  });

const first = (c: BlockContent): BlockMeeting => c.meetings[0]!;

const runs = { numRuns: 300 };

describe('description block: properties', () => {
  it('what replaceBlock writes, readBlock reads back — around any text', () => {
    fc.assert(
      fc.property(arbText, arbContent, (text, content) => {
        const { meetingId, joinUrl } = first(content);
        expect(readBlock(replaceBlock(text, content))).toEqual({
          meetingId: String(meetingId),
          joinUrl,
          meetings: [{ meetingId: String(meetingId), joinUrl }],
        });
      }),
      runs,
    );
  });

  it('replaceBlock is idempotent and the last content wins', () => {
    fc.assert(
      fc.property(arbText, arbContent, arbContent, (text, first, second) => {
        const once = replaceBlock(text, first);
        expect(replaceBlock(once, first)).toBe(once);
        expect(replaceBlock(once, second)).toBe(replaceBlock(text, second));
        expect(findBlocks(replaceBlock(once, second))).toHaveLength(1);
      }),
      runs,
    );
  });

  it('people’s text is kept: appended after it, and removeBlock gives it back exactly', () => {
    fc.assert(
      fc.property(arbPeoplesText, arbContent, (text, content) => {
        const written = replaceBlock(text, content);
        expect(written.startsWith(text)).toBe(true);
        expect(removeBlock(written)).toBe(text);
      }),
      runs,
    );
  });

  it('a block between people’s texts is replaced whole, and nothing around it changes', () => {
    fc.assert(
      fc.property(
        arbPeoplesText,
        arbPeoplesText,
        arbContent,
        arbContent,
        (before, after, old, next) => {
          const format = isHtml(before + after) ? 'html' : 'text';
          const description = before + renderBlock(old, format) + after;
          fc.pre(findBlocks(description).length === 1);
          const expectedFormat = isHtml(description) ? 'html' : 'text';
          expect(replaceBlock(description, next)).toBe(
            before + renderBlock(next, expectedFormat) + after,
          );
        },
      ),
      runs,
    );
  });

  it('our block never counts as a foreign Zoom link, and adding it hides none of theirs', () => {
    fc.assert(
      fc.property(arbPeoplesText, arbContent, (text, content) => {
        expect(findForeignZoomLinks(replaceBlock(text, content))).toEqual(
          findForeignZoomLinks(text),
        );
      }),
      runs,
    );
  });

  it('huge text around the block', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 50_000, maxLength: 200_000 }),
        arbContent,
        (text, content) => {
          fc.pre(findBlocks(text).length === 0);
          const written = replaceBlock(text, content);
          expect(readBlock(written)?.joinUrl).toBe(first(content).joinUrl);
          expect(removeBlock(written)).toBe(text);
        },
      ),
      { numRuns: 5, endOnFailure: true },
    );
  });
});
