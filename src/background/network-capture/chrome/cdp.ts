/** Reading what the debugger sends (CDP events and answers): untyped objects, read field by field. */
import { headerValue, keptHeaders } from '../../../core/headers';

export type Params = Record<string, unknown>;

export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const asParams = (value: unknown): Params =>
  value !== null && typeof value === 'object' ? (value as Params) : {};

export const cdpHeader = (headers: unknown, name: string): string | undefined =>
  text(headerValue(Object.entries(asParams(headers)), name));

/** CDP's headers object as pairs (a repeated header comes joined by newlines), as the capture keeps them. */
export function cdpHeaders(headers: unknown): [string, string][] {
  const list: [string, string][] = [];
  for (const [key, value] of Object.entries(asParams(headers)))
    if (typeof value === 'string') for (const line of value.split('\n')) list.push([key, line]);
  return keptHeaders(list);
}

export const ignore = () => undefined;
