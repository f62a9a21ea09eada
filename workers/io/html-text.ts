/**
 * The visible text of an HTML document, streamed: markup, comments, scripts,
 * styles and the head are dropped, entities decoded (htmlparser2). Block
 * elements end a line, so `<p>one</p><p>two</p>` is two words, while inline
 * ones (`<i>wo</i>rd`) join their text as a browser shows it.
 */
import { createRequire } from 'node:module';
import type { Parser } from 'htmlparser2';

type Htmlparser2 = typeof import('htmlparser2');
const require = createRequire(import.meta.url);
// Loaded with the first HTML input, not with the thread: htmlparser2 and its entity tables are
// ~30 modules, about half of what a thread loads at start-up, and most runs read no HTML.
let htmlparser2: Htmlparser2 | undefined;

const HIDDEN = new Set(['head', 'script', 'style', 'template', 'title']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'table', 'td', 'th', 'tr', 'ul',
]);
const FLUSH_CHARS = 64 * 1024;

export class HtmlText {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly parser: Parser;
  private hidden = 0;
  private pending = '';

  /** `emit` receives the text as UTF-8, in pieces that end on a code point. */
  constructor(private readonly emit: (text: Buffer) => void) {
    htmlparser2 ??= require('htmlparser2') as Htmlparser2;
    this.parser = new htmlparser2.Parser({
      onopentagname: (name) => {
        if (HIDDEN.has(name)) this.hidden++;
        else if (BLOCK.has(name)) this.add('\n');
      },
      onclosetag: (name) => {
        if (HIDDEN.has(name)) this.hidden = Math.max(0, this.hidden - 1);
        else if (BLOCK.has(name)) this.add('\n');
      },
      ontext: (text) => {
        if (this.hidden === 0) this.add(text);
      },
    }, { decodeEntities: true });
  }

  write(bytes: Uint8Array): void {
    this.parser.write(this.decoder.decode(bytes, { stream: true }));
  }

  end(): void {
    this.parser.write(this.decoder.decode());
    this.parser.end();
    this.flush();
  }

  private add(text: string): void {
    this.pending += text;
    if (this.pending.length >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.pending.length > 0) this.emit(Buffer.from(this.pending, 'utf8'));
    this.pending = '';
  }
}
