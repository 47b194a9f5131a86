import { type CloudWord, layoutCloud, type PlacedWord } from '@maillage/core';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { CLOUD_FONT } from './cloud-png';

let canvas: HTMLCanvasElement | null = null;
/** The width of a word in the cloud's bold font, from a canvas (as the PNG export measures it). */
function measure(label: string, fontSize: number): { width: number; height: number } {
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return { width: label.length * fontSize * 0.62, height: fontSize * 1.2 };
  ctx.font = `700 ${fontSize}px ${CLOUD_FONT}`;
  return { width: ctx.measureText(label).width, height: fontSize * 1.2 };
}

/**
 * The word cloud laid out as the PNG export lays it out (core's `layoutCloud`), in the space its
 * box is given: the most given biggest, in the middle. As words arrive, those already there keep
 * their place (the previous placement is passed on); a new size of the box lays it out afresh.
 */
export function WordCloud({
  words,
  label,
  formatCount,
}: {
  words: readonly CloudWord[];
  label: string;
  formatCount: (n: number) => string;
}) {
  const box = useRef<HTMLUListElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const previous = useRef<{ key: string; placed: PlacedWord[] }>({ key: '', placed: [] });
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const read = () => {
      const width = Math.floor(el.clientWidth);
      const height = Math.floor(el.clientHeight);
      setSize((s) => (s && s.width === width && s.height === height ? s : { width, height }));
    };
    read();
    const observer = new ResizeObserver(read);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const placed = useMemo(() => {
    if (!size || size.width < 20 || size.height < 20) return [];
    const key = `${size.width}x${size.height}`;
    const result = layoutCloud(words, {
      left: 0,
      top: 0,
      width: size.width,
      height: size.height,
      maxFont: Math.max(18, Math.round(Math.min(size.height / 4, size.width / 8))),
      minFont: Math.max(12, Math.round(size.height / 40)),
      measure,
      previous: previous.current.key === key ? previous.current.placed : [],
    }).placed;
    previous.current = { key, placed: result };
    return result;
  }, [words, size]);
  return (
    <ul class="live-cloud" aria-label={label} ref={box}>
      {placed.map((w) => (
        <li key={w.label} style={{ left: `${w.x}px`, top: `${w.y}px`, fontSize: `${w.fontSize}px`, color: w.colour }}>
          {w.label}
          <span class="visually-hidden"> ({formatCount(w.count)})</span>
        </li>
      ))}
    </ul>
  );
}
