import type { ComponentChildren } from 'preact';

/** `**bold**` inside a line, as text nodes and <strong> (never HTML from the text). */
function inline(text: string): ComponentChildren[] {
  return text
    .split(/(\*\*[^*]+\*\*)/g)
    .map((part, i) =>
      part.startsWith('**') && part.endsWith('**') && part.length > 4 ? <strong key={i}>{part.slice(2, -2)}</strong> : part,
    );
}

export type FramingBlock =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] };

/**
 * The note de cadrage's simple text, in blocks: paragraphs separated by a blank line, `- ` lists,
 * `# ` headings. Pure, so it is tested without a browser.
 */
export function framingBlocks(text: string): FramingBlock[] {
  const blocks: FramingBlock[] = [];
  let paragraph: string[] = [];
  let list: string[] | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    if (list) blocks.push({ kind: 'list', items: list });
    paragraph = [];
    list = null;
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flush();
    } else if (/^#{1,3}\s+/.test(line)) {
      flush();
      blocks.push({ kind: 'heading', text: line.replace(/^#{1,3}\s+/, '') });
    } else if (/^[-*•]\s+/.test(line)) {
      if (paragraph.length) {
        blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
        paragraph = [];
      }
      list = [...(list ?? []), line.replace(/^[-*•]\s+/, '')];
    } else {
      if (list) {
        blocks.push({ kind: 'list', items: list });
        list = null;
      }
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** The note de cadrage rendered: headings (h3, under the section's h2), paragraphs, lists, bold. */
export function Framing({ text }: { text: string }) {
  return (
    <div class="framing">
      {framingBlocks(text).map((b, i) =>
        b.kind === 'heading' ? (
          <h3 key={i}>{inline(b.text)}</h3>
        ) : b.kind === 'paragraph' ? (
          <p key={i}>{inline(b.text)}</p>
        ) : (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>{inline(item)}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
