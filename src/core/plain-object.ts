/**
 * A plain object: fields inherited from another prototype are not read as data. Its prototype
 * may be another realm's `Object.prototype`: Firefox hands extension pages their messages, and
 * content scripts the page's, as objects of another compartment.
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return true;
  return Object.getPrototypeOf(proto) === null && Object.hasOwn(proto, 'hasOwnProperty') && !Array.isArray(value);
}
