import { expect, test } from '@playwright/test';
import { curlOf, fetchOf } from '../../src/core/copy-as';
import { maskRecord } from '../../src/core/mask-record';
import type { CaptureRecord } from '../../src/core/model';
import { isSecretName, MASK, maskBody, maskHeaders, maskJsonText, maskUrl } from '../../src/core/secrets';
import { CaptureStore } from '../../src/core/store/capture-store';
import { withSecrets } from '../../src/core/store/revealed';
import type { ConnectionView } from '../../src/core/store/views';
import { connectionRecord, numbered } from '../support/records';

test('a name is a secret’s by its words, not by a list', () => {
  const secret = [
    'Authorization',
    'Proxy-Authorization',
    'Cookie',
    'Set-Cookie',
    'X-Api-Key',
    'api-key',
    'x-goog-api-key',
    'X-Auth-Key',
    'X-Auth-Token',
    'Ocp-Apim-Subscription-Key',
    'X-Amz-Security-Token',
    'X-CSRF-Token',
    'key',
    'api_key',
    'apiKey',
    'APIKEY',
    'access_token',
    'refresh_token',
    'refreshToken',
    'idtoken',
    'openai_api_key',
    'client_secret',
    'password',
    'passwd',
    'sig',
    'PHPSESSID',
    'JSESSIONID',
    'session',
    'privateKey',
    'jwt',
  ];
  const plain = [
    'Content-Type',
    'Accept',
    'Last-Event-ID',
    'max_tokens',
    'prompt_tokens',
    'author',
    'keyboard',
    'monkey',
    'keyId',
    'model',
    'messages',
    'stream',
    'x-goog-api-client',
    'session_title',
    'tokenizer',
    'token_type',
    'tokenCount',
    // A signature or credential is one in a URL or a header only (below): Anthropic streams a `signature` of its thinking.
    'signature',
    'credentials',
    // Tokens that are a place in a list or a stream, not a credential.
    'progressToken',
    'nextPageToken',
    'next_token',
    'continuationToken',
  ];
  expect(secret.filter((name) => !isSecretName(name))).toEqual([]);
  expect(plain.filter(isSecretName)).toEqual([]);
});

test('headers: a secret’s value becomes the mask, which does not tell its length; an Authorization keeps its scheme', () => {
  const headers: [string, string][] = [
    ['Authorization', 'Bearer sk-1234567890'],
    ['Proxy-Authorization', 'Basic dXNlcjpwdw=='],
    ['Cookie', 'a=1; b=2'],
    ['Content-Type', 'application/json'],
    ['X-Api-Key', 'k'],
    ['Authorization', 'opaque'],
  ];
  expect(maskHeaders(headers)).toEqual([
    ['Authorization', `Bearer ${MASK}`],
    ['Proxy-Authorization', `Basic ${MASK}`],
    ['Cookie', MASK],
    ['Content-Type', 'application/json'],
    ['X-Api-Key', MASK],
    ['Authorization', MASK],
  ]);
  const clean: [string, string][] = [['Accept', 'text/event-stream']];
  expect(maskHeaders(clean)).toBe(clean);
});

test('URLs: query and fragment parameters by name, a password in the user info; the rest as it was', () => {
  expect(maskUrl('https://g.example/v1beta/models/m:streamGenerateContent?alt=sse&key=AIzaSyX')).toBe(
    `https://g.example/v1beta/models/m:streamGenerateContent?alt=sse&key=${MASK}`,
  );
  expect(maskUrl('https://u:p4ss@h.example/s?sig=abc&se=2026&sv=x#access_token=t&token_type=bearer')).toBe(
    `https://u:${MASK}@h.example/s?sig=${MASK}&se=2026&sv=x#access_token=${MASK}&token_type=bearer`,
  );
  expect(maskUrl('/sse?api%5Fkey=1&x=2')).toBe(`/sse?api%5Fkey=${MASK}&x=2`);
  // A signed URL's signature and credential grant access; in a stream's JSON a signature is no credential.
  expect(maskUrl('https://s3.example/o?X-Amz-Credential=AK%2F1&X-Amz-Signature=ab12&X-Amz-Expires=60')).toBe(
    `https://s3.example/o?X-Amz-Credential=${MASK}&X-Amz-Signature=${MASK}&X-Amz-Expires=60`,
  );
  expect(maskHeaders([['X-Hub-Signature-256', 'sha256=ab']])).toEqual([['X-Hub-Signature-256', MASK]]);
  const thinking = '{"type":"content_block_delta","delta":{"type":"signature_delta","signature":"EqQBCg"}}';
  expect(maskJsonText(thinking)).toBe(thinking);
  const plain = 'http://127.0.0.1:8787/sse?n=3&user=alice';
  expect(maskUrl(plain)).toBe(plain);
  expect(maskUrl(maskUrl('http://a/?token=x'))).toBe(`http://a/?token=${MASK}`);
});

test('bodies: JSON by key at any depth with its spacing kept, forms by field, plain text by name=value lines', () => {
  const json =
    '{\n  "model": "gpt-4o",\n  "auth": {"refresh_token": "r", "user": {"openai_api_key": "sk", "n": 1}},\n  "max_tokens": 5,\n  "list": [{"password": [1, {"x": "}"}]}]\n}';
  expect(maskBody(json)).toBe(
    `{\n  "model": "gpt-4o",\n  "auth": "${MASK}",\n  "max_tokens": 5,\n  "list": [{"password": "${MASK}"}]\n}`,
  );
  expect(maskJsonText('{"a": {"token": "x", "b": "token"}}')).toBe(`{"a": {"token": "${MASK}", "b": "token"}}`);
  expect(maskJsonText('{"api\\"key": "x", "\\u0074oken": "y", "key\\"s": "z"}')).toBe(
    `{"api\\"key": "${MASK}", "\\u0074oken": "${MASK}", "key\\"s": "z"}`,
  );
  expect(maskJsonText('{"token": ')).toBeUndefined();
  const deep = `${'{"a":'.repeat(100_000)}{"secret":"s"}${'}'.repeat(100_000)}`;
  expect(maskBody(deep)).toBe(`${'{"a":'.repeat(100_000)}{"secret":"${MASK}"}${'}'.repeat(100_000)}`);
  expect(maskBody('grant_type=password&username=a&password=p%26q')).toBe(
    `grant_type=password&username=a&password=${MASK}`,
  );
  expect(maskBody('hello\napi_key = abc\ntoken: "xyz"\nplain: text')).toBe(
    `hello\napi_key = ${MASK}\ntoken: ${MASK}\nplain: text`,
  );
  expect(maskBody('just words, no secrets')).toBe('just words, no secrets');
});

test('a record leaves the relay masked, and the same record when it has nothing to mask', () => {
  const record: CaptureRecord = {
    ...connectionRecord(1, 10, 'http://a/v1/chat?key=k'),
    seq: 1,
    type: 'fetch',
    method: 'POST',
    requestHeaders: [['x-api-key', 'sk-ant']],
    requestBody: '{"prompt":"hi","api_key":"k2"}',
  };
  expect(maskRecord(record)).toEqual({
    ...record,
    url: `http://a/v1/chat?key=${MASK}`,
    requestHeaders: [['x-api-key', MASK]],
    requestBody: `{"prompt":"hi","api_key":"${MASK}"}`,
  });
  expect(record.url).toBe('http://a/v1/chat?key=k');
  const plain: CaptureRecord = { ...connectionRecord(2), seq: 2 };
  expect(maskRecord(plain)).toBe(plain);
  const http: CaptureRecord = {
    kind: 'http',
    time: 1,
    conn: 1,
    seq: 3,
    url: 'http://a/?token=t',
    headers: [['set-cookie', 's=1']],
  };
  expect(maskRecord(http)).toEqual({ ...http, url: `http://a/?token=${MASK}`, headers: [['set-cookie', MASK]] });
});

/** A fetch stream's view as the panel holds it (masked), and its whole records as the relay kept them. */
function maskedConnection(): { view: ConnectionView; whole: CaptureRecord[] } {
  const whole: CaptureRecord[] = numbered([
    {
      ...connectionRecord(1, 10, "http://a/v1/chat?key=k'1"),
      type: 'fetch',
      method: 'POST',
      requestHeaders: [
        ['Authorization', 'Bearer sk-1'],
        ['X-Trace', 'line1\nline2\u001b[31m'],
      ],
      requestBody: '{"q":"it\'s","token":"t"}',
    },
  ]);
  const store = new CaptureStore();
  store.addDocument({ docId: 'd', url: 'http://a/', top: true, activatedAt: 1, frameId: 0 });
  store.addRecords('d', whole.map(maskRecord));
  return { view: store.connections[0] as ConnectionView, whole };
}

test("copy as cURL and fetch: masked headers left out and named, •••• said, control characters quoted with $'…', --globoff", () => {
  const { view, whole } = maskedConnection();
  expect(curlOf(view)).toBe(
    [
      '# Left out, masked by SSE Scope: Authorization',
      `# ${MASK} stands for a secret SSE Scope masked`,
      `curl 'http://a/v1/chat?key=${MASK}' \\`,
      '  --globoff \\',
      '  -N \\',
      "  -X 'POST' \\",
      "  -H $'X-Trace: line1\\nline2\\x1b[31m' \\",
      `  --data-raw '{"q":"it'\\''s","token":"${MASK}"}'`,
    ].join('\n'),
  );
  expect(fetchOf(view).split('\n').slice(0, 2)).toEqual([
    '// Left out, masked by SSE Scope: Authorization',
    `// ${MASK} stands for a secret SSE Scope masked`,
  ]);
  // With the secrets the relay kept: the request as the page sent it.
  const revealed = withSecrets(view, whole);
  expect(curlOf(revealed)).toBe(
    [
      "curl 'http://a/v1/chat?key=k'\\''1' \\",
      '  --globoff \\',
      '  -N \\',
      "  -X 'POST' \\",
      "  -H 'Authorization: Bearer sk-1' \\",
      "  -H $'X-Trace: line1\\nline2\\x1b[31m' \\",
      `  --data-raw '{"q":"it'\\''s","token":"t"}'`,
    ].join('\n'),
  );
  expect(view.url).toBe(`http://a/v1/chat?key=${MASK}`);
});
