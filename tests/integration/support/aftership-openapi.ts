import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';

/*
 * AfterShip's published Returns API description (tests/contracts/vendor/) as a response oracle:
 * for a method, a path and a status, the schema the vendor documents for that answer.
 */

const FILE = join(process.cwd(), 'tests/contracts/vendor/aftership-returns-2026-07.openapi.yml');
const SHA256 = '7d32388c13476388fd971fab7b1ed46c77a7fc684637eb41cceabd48d656e466';

type Operation = { responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> } };

/**
 * The vendor writes `enum: []` (Refund.gateway): "no value is valid", which ajv will not compile.
 * `not: {}` says exactly the same, so the meaning of the oracle is unchanged.
 */
function toCompilable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCompilable);
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([key, v]) => (key === 'enum' && Array.isArray(v) && v.length === 0 ? ['not', {}] : [key, toCompilable(v)]));
  return Object.fromEntries(entries);
}

export function loadAftershipOracle() {
  const text = readFileSync(FILE, 'utf8');
  const digest = createHash('sha256').update(text).digest('hex');
  if (digest !== SHA256) throw new Error(`${FILE} changed (sha256 ${digest}): it must stay the vendor's file, unchanged`);
  const doc = toCompilable(parse(text)) as Doc;
  // The vendor's keywords (x-stoplight, x-examples…) are annotations; formats are not what we check.
  const ajv = new Ajv2020({ strict: false, validateSchema: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ ...doc, $id: 'aftership-returns' } as object);
  // Literal segments win over parameters: `/returns/rma/{rma_number}` before `/returns/{return_id}`.
  const templates = Object.keys(doc.paths)
    .map((template) => ({ template, pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`), params: template.split('{').length }))
    .sort((a, b) => a.params - b.params);

  /** The JSON pointer of the documented schema for this answer, or null when the vendor documents none. */
  function schemaPointer(method: string, path: string, status: number): string | null {
    const found = templates.find((t) => t.pattern.test(path));
    if (!found) return null;
    const operation = doc.paths[found.template]?.[method.toLowerCase()];
    const response = operation?.responses?.[String(status)];
    if (!response) return null;
    const escape = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');
    if (response.$ref) return `${response.$ref.slice(1)}/content/application~1json/schema`;
    return `/paths/${escape(found.template)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
  }

  return {
    /** Errors of `body` against the documented answer; throws when the vendor documents no such answer. */
    check(method: string, path: string, status: number, body: unknown): string[] {
      const pointer = schemaPointer(method, path, status);
      if (!pointer) throw new Error(`the vendor documents no ${status} answer for ${method} ${path}`);
      const validate = ajv.getSchema(`aftership-returns#${pointer}`);
      if (!validate) throw new Error(`no schema at ${pointer}`);
      return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    },
    /** The `Return` model alone (webhook bodies carry one as `data`). */
    checkReturn(body: unknown): string[] {
      const validate = ajv.getSchema('aftership-returns#/components/schemas/Return')!;
      return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    },
    documents: (method: string, path: string, status: number) => schemaPointer(method, path, status) !== null,
  };
}
