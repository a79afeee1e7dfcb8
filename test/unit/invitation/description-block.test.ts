import { describe, expect, it } from 'vitest';
import {
  BLOCK_BEGIN,
  BLOCK_END,
  extractBlock,
  findForeignZoomLinks,
  readBlock,
  removeBlock,
  renderBlock,
  replaceBlock,
  type BlockContent,
} from '../../../src/invitation/index.js';

const meeting = {
  joinUrl: 'https://zoom.us/j/95553727661?pwd=TGxTNUhHVUpT',
  meetingId: 95553727661,
  passcode: 'A7mQr0',
};
const content: BlockContent = { lang: 'en', meetings: [meeting] };
const movedMeeting = {
  joinUrl: 'https://us02web.zoom.us/j/81234567890?pwd=x&uname=y',
  meetingId: '81234567890',
};
const moved: BlockContent = { lang: 'en', meetings: [movedMeeting] };

/** What readBlock answers for one meeting. */
const info = (m: { joinUrl: string; meetingId: string | number }) => ({
  meetingId: String(m.meetingId),
  joinUrl: m.joinUrl,
  meetings: [{ meetingId: String(m.meetingId), joinUrl: m.joinUrl }],
});

/** What Calendar's editor does to a plain description when someone edits the event in the UI. */
function editedInCalendarUi(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const linked = escaped.replace(/https:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
  return linked.replace(/\n/g, '<br>');
}

describe('the description block', () => {
  it('plain text: the markers, the link, the grouped id, the passcode and the managed line', () => {
    expect(renderBlock(content).split('\n')).toEqual([
      BLOCK_BEGIN,
      'Join Zoom Meeting',
      'https://zoom.us/j/95553727661?pwd=TGxTNUhHVUpT',
      '',
      'Meeting ID: 955 5372 7661',
      'Passcode: A7mQr0',
      '',
      'Managed by zoomlink: this block is rewritten when the booking changes. Write your notes outside it.',
      BLOCK_END,
    ]);
  });

  it('zh-TW', () => {
    const lines = renderBlock({ ...content, lang: 'zh-TW' }).split('\n');
    expect(lines.slice(1, 6)).toEqual([
      '加入 Zoom 會議',
      'https://zoom.us/j/95553727661?pwd=TGxTNUhHVUpT',
      '',
      '會議 ID:955 5372 7661',
      '密碼:A7mQr0',
    ]);
  });

  it('HTML: <br> lines, the link as an anchor, & escaped', () => {
    const html = renderBlock(moved, 'html');
    expect(html).toContain('<a href="https://us02web.zoom.us/j/81234567890?pwd=x&amp;uname=y">');
    expect(html.startsWith(`${BLOCK_BEGIN}<br>`)).toBe(true);
    expect(html.endsWith(`<br>${BLOCK_END}`)).toBe(true);
  });

  it('is appended after a blank line to a plain description, and the text people wrote stays', () => {
    const written = 'Agenda:\n1. budget\n2. hiring';
    const result = replaceBlock(written, content);
    expect(result).toBe(`${written}\n\n${renderBlock(content)}`);
    expect(readBlock(result)).toEqual(info(meeting));
  });

  it('is the whole description when there was none', () => {
    expect(replaceBlock(undefined, content)).toBe(renderBlock(content));
    expect(replaceBlock('', content)).toBe(renderBlock(content));
  });

  it('an HTML description gets an HTML block', () => {
    const written = '<b>Agenda</b><br>budget';
    expect(replaceBlock(written, content)).toBe(
      `${written}<br><br>${renderBlock(content, 'html')}`,
    );
  });

  it('is replaced whole where it stands; text before and after is untouched', () => {
    const before = 'Bring the slides.\n\n';
    const after = '\n\nParking: level 2';
    const result = replaceBlock(before + renderBlock(content) + after, moved);
    expect(result).toBe(before + renderBlock(moved) + after);
  });

  it('copies of the block (a description pasted twice) become one', () => {
    const twice = `a ${renderBlock(content)} b ${renderBlock(content)} c`;
    expect(replaceBlock(twice, moved)).toBe(`a ${renderBlock(moved)} b  c`);
  });

  it('a lone marker is text people wrote', () => {
    const written = `Do not type ${BLOCK_END} here, or ${BLOCK_BEGIN} there`;
    const result = replaceBlock(written, content);
    expect(result.startsWith(written)).toBe(true);
    expect(readBlock(result)).toEqual(info(meeting));
    expect(removeBlock(result)).toBe(written);
  });

  it('survives Calendar’s editor turning the description into HTML, and the next write is HTML', () => {
    const written = replaceBlock('Agenda & notes <draft>', content);
    const edited = editedInCalendarUi(written);
    expect(readBlock(edited)).toEqual(info(meeting));
    const rewritten = replaceBlock(edited, moved);
    expect(rewritten.startsWith('Agenda &amp; notes &lt;draft&gt;<br><br>')).toBe(true);
    expect(rewritten.endsWith(renderBlock(moved, 'html'))).toBe(true);
    expect(readBlock(rewritten)).toEqual(info(movedMeeting));
  });

  it('survives the editor wrapping each line in a <div>', () => {
    const divs = renderBlock(content)
      .split('\n')
      .map((l) => `<div>${l}</div>`)
      .join('');
    const description = `<div>Hello</div>${divs}<div>Bye</div>`;
    expect(readBlock(description)).toEqual(info(meeting));
    expect(replaceBlock(description, moved)).toBe(
      `<div>Hello</div><div>${renderBlock(moved, 'html')}</div><div>Bye</div>`,
    );
  });

  it('removeBlock takes the block and the blank line before it, nothing else', () => {
    expect(removeBlock(replaceBlock('Notes', content))).toBe('Notes');
    expect(removeBlock(`${renderBlock(content)}\n\nNotes`)).toBe('Notes');
    expect(removeBlock('no block here')).toBe('no block here');
  });

  it('per_occurrence: one meeting per occurrence, each under its time, all read back', () => {
    const first = {
      ...meeting,
      start: new Date('2024-01-10T10:00:00Z'),
      timezone: 'Europe/London',
    };
    const second = {
      ...movedMeeting,
      start: new Date('2025-01-10T10:00:00Z'),
      timezone: 'Europe/London',
    };
    const block = renderBlock({ lang: 'en', meetings: [first, second] });
    expect(block.split('\n')).toEqual([
      BLOCK_BEGIN,
      'Time: Jan 10, 2024 10:00 AM London',
      '',
      'Join Zoom Meeting',
      meeting.joinUrl,
      '',
      'Meeting ID: 955 5372 7661',
      'Passcode: A7mQr0',
      '',
      'Time: Jan 10, 2025 10:00 AM London',
      '',
      'Join Zoom Meeting',
      movedMeeting.joinUrl,
      '',
      'Meeting ID: 812 3456 7890',
      '',
      'Managed by zoomlink: this block is rewritten when the booking changes. Write your notes outside it.',
      BLOCK_END,
    ]);
    const read = readBlock(replaceBlock('<p>notes</p>', { lang: 'en', meetings: [first, second] }));
    expect(read?.meetings).toEqual([
      { meetingId: '95553727661', joinUrl: meeting.joinUrl },
      { meetingId: '81234567890', joinUrl: movedMeeting.joinUrl },
    ]);
  });

  it('extractBlock gives our block as it stands, for hashing', () => {
    expect(extractBlock(`a ${renderBlock(content)} b`)).toBe(renderBlock(content));
    expect(extractBlock('a b')).toBeNull();
  });

  it('readBlock: null without a block, or when its link was deleted', () => {
    expect(readBlock('https://zoom.us/j/95553727661')).toBeNull();
    expect(readBlock(`${BLOCK_BEGIN}\nnothing\n${BLOCK_END}`)).toBeNull();
  });

  it('readBlock takes the id from the link when the id line is gone', () => {
    expect(readBlock(`${BLOCK_BEGIN}\n${meeting.joinUrl}\n${BLOCK_END}`)).toEqual(info(meeting));
  });

  it('refuses fields that would break the block', () => {
    expect(() =>
      renderBlock({ lang: 'en', meetings: [{ ...meeting, passcode: `x${BLOCK_END}` }] }),
    ).toThrow(RangeError);
    expect(() =>
      renderBlock({
        lang: 'en',
        meetings: [{ ...meeting, joinUrl: 'https://zoom.us/j/1\nInjected' }],
      }),
    ).toThrow(RangeError);
    expect(() =>
      renderBlock({ lang: 'en', meetings: [{ ...meeting, joinUrl: 'javascript:alert(1)' }] }),
    ).toThrow(RangeError);
    expect(() => renderBlock({ lang: 'en', meetings: [] })).toThrow(RangeError);
  });
});

describe('findForeignZoomLinks', () => {
  it('finds Zoom links people put in, in text and in anchors, but not ours', () => {
    const description = replaceBlock(
      'Use <a href="https://acme.zoom.us/j/99988877766?pwd=q&amp;x=1">this</a> or zoommtg://zoom.us/join?confno=123456789, or https://zoom.us/my/jill.',
      content,
    );
    expect(findForeignZoomLinks(description)).toEqual([
      'https://acme.zoom.us/j/99988877766?pwd=q&x=1',
      'zoommtg://zoom.us/join?confno=123456789',
      'https://zoom.us/my/jill',
    ]);
  });

  it('finds none in our own block, in other sites, or in nothing', () => {
    expect(
      findForeignZoomLinks(replaceBlock('see https://example.com/zoom.us/j/1', content)),
    ).toEqual([]);
    expect(findForeignZoomLinks(undefined)).toEqual([]);
    expect(findForeignZoomLinks('https://notzoom.us/j/123456789')).toEqual([]);
  });

  it('a Zoom link inside a copy of a block made for another meeting is still a block (ours)', () => {
    expect(findForeignZoomLinks(`x ${renderBlock(moved)} y`)).toEqual([]);
  });
});

describe('huge and hostile descriptions', () => {
  it('a megabyte of markers, tags and half-links is handled in linear time', () => {
    const hostile = [
      BLOCK_BEGIN.repeat(20_000),
      BLOCK_END.repeat(20_000),
      '<b'.repeat(50_000),
      '<<<<'.repeat(50_000),
      'https://zoom.us/j/'.repeat(20_000),
      '&#'.repeat(50_000),
    ].join('');
    const result = replaceBlock(hostile, content);
    expect(readBlock(result)).not.toBeNull();
    expect(findForeignZoomLinks(result).length).toBeGreaterThan(0);
    expect(removeBlock(replaceBlock('x'.repeat(1_000_000), content))).toHaveLength(1_000_000);
  });
});
