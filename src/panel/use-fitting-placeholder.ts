/**
 * The filter box's placeholder: the whole syntax where the box has room for it, a word where it
 * has not (docked narrow, or a language whose words are long). Wide, the box is as wide as the
 * whole syntax (`--placeholder-whole`); docked, it asks for the room of the placeholder it shows
 * (`--placeholder-width`) and never takes less than the word's (`--placeholder-min`), and the
 * toolbar decides what it gets. The whole syntax shows again once the box
 * has its room, which is the same condition either way: no flip-flop.
 */
import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

/** The width the box needs to show `text` uncut, borders and padding included. */
function neededWidth(box: HTMLInputElement, text: string): number {
  const style = getComputedStyle(box);
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return Number.POSITIVE_INFINITY;
  context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const frame = box.offsetWidth - box.clientWidth;
  const padding = Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.paddingRight);
  return Math.ceil(context.measureText(text).width + padding + frame);
}

export function useFittingPlaceholder(box: RefObject<HTMLInputElement | null>, whole: string, short: string): string {
  const [fits, setFits] = useState(true);
  useLayoutEffect(() => {
    const input = box.current;
    if (!input) return undefined;
    const needed = neededWidth(input, whole);
    const least = neededWidth(input, short);
    input.style.setProperty('--placeholder-whole', `${needed}px`);
    input.style.setProperty('--placeholder-width', `${fits ? needed : least}px`);
    input.style.setProperty('--placeholder-min', `${least}px`);
    const check = () => setFits(input.offsetWidth >= needed);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(input);
    return () => observer.disconnect();
  }, [box, whole, short, fits]);
  return fits ? whole : short;
}
