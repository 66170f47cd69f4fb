/**
 * The stores' pictures (test/e2e/store-images.spec.ts): where they go, their sizes as the PNG says,
 * and the pictures composed from the panel's own screenshots (the popup over the demo page, the
 * promotional tile).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** The stores' sizes: a screenshot (both stores take 1280×800) and Chrome's small promotional tile. */
export const SCREENSHOT = { width: 1280, height: 800 } as const;
export const TILE = { width: 440, height: 280 } as const;

/** dist/store/<lang>/: built, never committed (dist/ is ignored); store/README.md says how to make it. */
export function storeDir(language: string): string {
  return new URL(`../../dist/store/${language}/`, import.meta.url).pathname;
}

/** A PNG's width and height, from its IHDR chunk (bytes 16–23), as the stores read them. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.toString('latin1', 1, 4) !== 'PNG') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
const ICON = readFileSync(new URL('../../extension/icons/icon-128.png', import.meta.url));

/** Renders `html` at `size` on `canvas` and returns the screenshot. */
async function render(canvas: Page, size: { width: number; height: number }, html: string): Promise<Buffer> {
  await canvas.setViewportSize(size);
  await canvas.setContent(html);
  await canvas.evaluate(() => Promise.all([...document.images].map((image) => image.decode())));
  return canvas.screenshot();
}

/** The popup as it opens from the toolbar: the demo page behind, the popup at the top right. */
export function composePopup(canvas: Page, page: Buffer, popup: Buffer): Promise<Buffer> {
  return render(
    canvas,
    SCREENSHOT,
    `<body style="margin:0;overflow:hidden">
      <img src="${dataUrl(page)}" style="position:absolute;inset:0;filter:brightness(.8)">
      <img src="${dataUrl(popup)}" style="position:absolute;top:12px;right:24px;border:1px solid #9aa0a6;
        border-radius:8px;box-shadow:0 8px 28px rgba(0,0,0,.45)">
    </body>`,
  );
}

/** The small promotional tile: the icon, the name and the listing's tagline over a crop of the panel. */
export function composeTile(canvas: Page, panel: Buffer, name: string, tagline: string, lang: string): Promise<Buffer> {
  const asHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return render(
    canvas,
    TILE,
    `<html lang="${lang}"><body style="margin:0;width:440px;height:280px;overflow:hidden;position:relative;
      font-family:system-ui,sans-serif;background:#0b1e3a;color:#fff">
      <img src="${dataUrl(panel)}" style="position:absolute;left:150px;top:96px;width:640px;
        border-radius:6px;box-shadow:0 4px 18px rgba(0,0,0,.5)">
      <div style="position:absolute;inset:0;background:linear-gradient(100deg,#0b1e3a 38%,rgba(11,30,58,.2))"></div>
      <img src="${dataUrl(ICON)}" style="position:absolute;left:24px;top:24px;width:56px;height:56px">
      <h1 style="position:absolute;left:96px;top:24px;margin:0;font-size:34px;line-height:56px">${asHtml(name)}</h1>
      <p style="position:absolute;left:24px;top:112px;width:190px;margin:0;font-size:20px;line-height:1.3;
        font-weight:600;word-break:keep-all">${asHtml(tagline)}</p>
    </body></html>`,
  );
}
