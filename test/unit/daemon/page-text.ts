/** Reading the daemon's pages in tests. */

/** Whitespace is not what most page tests are about (the formatter reflows the templates). */
export const flat = (text: string) => text.replace(/\s+/g, ' ');

/** The text of one `<section id=…>`. */
export const section = (text: string, id: string) => {
  const start = text.indexOf(`<section id="${id}">`);
  return text.slice(start, text.indexOf('</section>', start));
};
