/**
 * What the layout tests measure in the panel, as functions run in the page (Playwright's and
 * puppeteer's `evaluate` both take them): a URL cell's name and lead, the filter box's placeholder,
 * the type chips' rows.
 */

/** Where the URL name of row `row` sits in its cell, whether it or the lead is cut, and what copying the cell gives. */
export function urlCellOf(row: string) {
  const cell = document.querySelector(`${row} td.url`) as HTMLElement;
  const name = cell.querySelector('.url-name') as HTMLElement;
  const lead = cell.querySelector('.url-lead') as HTMLElement;
  const box = cell.getBoundingClientRect();
  const inside = (element: Element | null) => {
    if (!element) return undefined;
    const r = element.getBoundingClientRect();
    return r.width > 0 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
  };
  // Selected from the lead's first letter to the name's last, and copied as a user's Ctrl+C does.
  const range = document.createRange();
  range.selectNodeContents(cell.querySelector('.url-cut') as HTMLElement);
  getSelection()?.removeAllRanges();
  getSelection()?.addRange(range);
  let copied: string | undefined;
  const read = (copy: ClipboardEvent) => {
    copied = copy.clipboardData?.getData('text/plain');
  };
  document.addEventListener('copy', read);
  document.execCommand('copy');
  document.removeEventListener('copy', read);
  getSelection()?.removeAllRanges();
  return {
    name: name.textContent,
    nameWhole: name.scrollWidth <= name.clientWidth && inside(name),
    leadCut: lead.scrollWidth > lead.clientWidth,
    leadShown: lead.clientWidth,
    tagShown: inside(cell.querySelector('[data-replayed]')),
    title: cell.getAttribute('title'),
    copied,
  };
}

/** The filter box's placeholder as shown, whether its text (measured in the box's font) fits the room inside the box. */
export function placeholderFit() {
  const input = document.querySelector('input.filter') as HTMLInputElement;
  const style = getComputedStyle(input);
  const probe = document.createElement('span');
  probe.style.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  probe.style.whiteSpace = 'pre';
  probe.style.position = 'absolute';
  probe.textContent = input.placeholder;
  document.body.append(probe);
  const width = probe.getBoundingClientRect().width;
  probe.remove();
  const room = input.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
  return { text: input.placeholder, fits: width <= room, scrolls: input.scrollWidth > input.clientWidth };
}

/** The type chips in sight in the bar: their rows, the bar's height in chips, which types, how many are out of sight and out of reach. */
export function chipRows() {
  const bar = document.querySelector('.filterbar') as HTMLElement;
  const box = (bar.querySelector('.type-chips') as HTMLElement).getBoundingClientRect();
  const chips = [...bar.querySelectorAll<HTMLElement>('.type-chips [data-chip]')];
  const seen = chips.filter((chip) => {
    const r = chip.getBoundingClientRect();
    return !chip.inert && r.top >= box.top && r.bottom <= box.bottom;
  });
  return {
    rows: new Set(seen.map((chip) => Math.round(chip.getBoundingClientRect().top))).size,
    barInChips: bar.getBoundingClientRect().height / (seen[0]?.getBoundingClientRect().height ?? 1),
    seen: seen.map((chip) => chip.dataset.chip ?? ''),
    out: chips.filter((chip) => chip.inert).length,
    // Out of the box's sight: the same chips as those out of the keyboard's way, once the panel has settled.
    below: chips.filter((chip) => chip.getBoundingClientRect().top >= box.bottom).length,
  };
}
