/** The HAR 1.2 JSON schema (har-schema), compiled with Ajv: `validateHar(har)` lists what is wrong. */
import { createRequire } from 'node:module';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
for (const schema of Object.values(require('har-schema') as Record<string, object>)) ajv.addSchema(schema);

export function harErrors(har: unknown): string[] {
  return ajv.validate('har.json#', har) ? [] : (ajv.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
