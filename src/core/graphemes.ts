/** The part of Intl.Segmenter used here: Node 16+ has it (full ICU); the fallback below covers builds without it. */
interface GraphemeSegmenter {
  segment(text: string): Iterable<{ segment: string }>;
}
type SegmenterConstructor = new (locale: undefined, options: { granularity: 'grapheme' }) => GraphemeSegmenter;

const Segmenter = (Intl as unknown as { Segmenter?: SegmenterConstructor }).Segmenter;
const segmenter = Segmenter ? new Segmenter(undefined, { granularity: 'grapheme' }) : undefined;

/** User-perceived characters: an emoji with its modifiers or a flag stays one; without a segmenter, code points. */
export function graphemes(text: string): string[] {
  return segmenter ? Array.from(segmenter.segment(text), (part) => part.segment) : Array.from(text);
}

/** Characters as WeChat's template limits count them: code points, so a surrogate pair is one. */
export function charCount(text: string): number {
  return Array.from(text).length;
}

/** `text` cut to at most `max` characters, never inside a user-perceived character (no half emoji, no lone surrogate). */
export function cutText(text: string, max: number): string {
  let cut = '';
  let count = 0;
  for (const grapheme of graphemes(text)) {
    count += charCount(grapheme);
    if (count > max) break;
    cut += grapheme;
  }
  return cut;
}
