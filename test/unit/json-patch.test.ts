/**
 * The JSON Patch an AG-UI `STATE_DELTA` carries, applied as RFC 6902's own examples (Appendix A)
 * say, all or nothing, and without letting a page's `__proto__` reach a prototype.
 */
import { expect, test } from '@playwright/test';
import { applyPatch, PatchError } from '../../src/core/json-patch';

const cases: [string, unknown, unknown[], unknown][] = [
  [
    'A.1 adding an object member',
    { foo: 'bar' },
    [{ op: 'add', path: '/baz', value: 'qux' }],
    { baz: 'qux', foo: 'bar' },
  ],
  [
    'A.2 adding an array element',
    { foo: ['bar', 'baz'] },
    [{ op: 'add', path: '/foo/1', value: 'qux' }],
    { foo: ['bar', 'qux', 'baz'] },
  ],
  ['A.3 removing an object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
  [
    'A.4 removing an array element',
    { foo: ['bar', 'qux', 'baz'] },
    [{ op: 'remove', path: '/foo/1' }],
    { foo: ['bar', 'baz'] },
  ],
  [
    'A.5 replacing a value',
    { baz: 'qux', foo: 'bar' },
    [{ op: 'replace', path: '/baz', value: 'boo' }],
    { baz: 'boo', foo: 'bar' },
  ],
  [
    'A.6 moving a value',
    { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
    [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
    { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
  ],
  [
    'A.7 moving an array element',
    { foo: ['all', 'grass', 'cows', 'eat'] },
    [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
    { foo: ['all', 'cows', 'eat', 'grass'] },
  ],
  [
    'A.10 adding a nested member object',
    { foo: 'bar' },
    [{ op: 'add', path: '/child', value: { grandchild: {} } }],
    { foo: 'bar', child: { grandchild: {} } },
  ],
  ['A.14 ~ escape ordering', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }], { '/': 9, '~1': 10 }],
  [
    'A.16 adding an array value',
    { foo: ['bar'] },
    [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }],
    { foo: ['bar', ['abc', 'def']] },
  ],
  [
    'copy, then replace the whole document',
    { a: { b: 1 } },
    [
      { op: 'copy', from: '/a', path: '/c' },
      { op: 'replace', path: '', value: [1] },
    ],
    [1],
  ],
];

for (const [name, document, patch, expected] of cases)
  test(`RFC 6902 ${name}`, () => {
    const before = JSON.stringify(document);
    expect(applyPatch(document, patch)).toEqual(expected);
    expect(JSON.stringify(document)).toBe(before);
  });

test('a replaced member keeps its place among its siblings', () => {
  const after = applyPatch({ a: 1, b: 2, c: 3 }, [{ op: 'replace', path: '/a', value: 9 }]);
  expect(JSON.stringify(after)).toBe('{"a":9,"b":2,"c":3}');
});

test('a patch copies only the containers on its paths: its cost is what it touches', () => {
  const before = { big: { rows: Array.from({ length: 10_000 }, (_, i) => ({ i })) }, status: { step: 1 } };
  const after = applyPatch(before, [{ op: 'replace', path: '/status/step', value: 2 }]) as typeof before;
  expect(after.status.step).toBe(2);
  expect(before.status.step).toBe(1);
  expect(after.big).toBe(before.big);
});

test('a failing operation leaves the document as it was, and says which and why', () => {
  const document = { count: 1 };
  const failing = (patch: unknown[]) => {
    try {
      applyPatch(document, patch);
    } catch (error) {
      return error instanceof PatchError ? [error.index, error.kind, error.path] : error;
    }
    return 'applied';
  };
  // A.8/A.9: a test that fails; A.12: adding to a nonexistent target; A.15: a number compared with a string.
  expect(
    failing([
      { op: 'replace', path: '/count', value: 2 },
      { op: 'test', path: '/count', value: 1 },
    ]),
  ).toEqual([1, 'test-failed', '/count']);
  expect(failing([{ op: 'add', path: '/baz/bat', value: 'qux' }])).toEqual([0, 'missing', '/baz/bat']);
  expect(failing([{ op: 'test', path: '/count', value: '1' }])).toEqual([0, 'test-failed', '/count']);
  expect(failing([{ op: 'remove', path: '/gone' }])).toEqual([0, 'missing', '/gone']);
  expect(failing([{ op: 'add', path: 'count', value: 1 }])).toEqual([0, 'invalid', 'count']);
  expect(failing([{ op: 'move', from: '/a', path: '/a/b' }])).toEqual([0, 'invalid', '/a/b']);
  expect(failing([{ op: 'jump', path: '/count' }])).toEqual([0, 'invalid', '/count']);
  expect(document).toEqual({ count: 1 });
});

test('a patch naming __proto__ writes an own member, never a prototype', () => {
  const after = applyPatch({}, [
    { op: 'add', path: '/__proto__', value: { polluted: true } },
    { op: 'add', path: '/__proto__/polluted2', value: true },
    { op: 'add', path: '/constructor', value: 'x' },
  ]) as Record<string, unknown>;
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
  expect(Object.getPrototypeOf(after)).toBe(Object.prototype);
  expect(JSON.parse(JSON.stringify(after))).toEqual(
    JSON.parse('{"__proto__":{"polluted":true,"polluted2":true},"constructor":"x"}'),
  );
  // Reading through an inherited name finds nothing: `toString` is not a member of {}.
  expect(() => applyPatch({}, [{ op: 'remove', path: '/toString' }])).toThrow(PatchError);
});
