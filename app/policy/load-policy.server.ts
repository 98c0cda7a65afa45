import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import { checkPolicyFile, type PolicyIssue } from './policy-checks';
import { PolicyFileSchema, type Policy } from './policy-schema';

/** The sandbox's sample policy, relative to the working directory (`COMPTOIR_POLICY_FILE` overrides it). */
export const DEFAULT_POLICY_FILE = 'app/sandbox/policy/comptoir-demo.policy.yaml';

export type LocatedIssue = PolicyIssue & { line: number | null };

/** A policy file Comptoir refuses to run with; the message lists every issue with its path. */
export class PolicyFileError extends Error {
  constructor(readonly source: string, readonly issues: LocatedIssue[]) {
    const lines = issues.map((issue) => {
      const where = issue.line === null ? '' : ` (line ${issue.line})`;
      return `  - ${formatPath(issue.path) || '(file)'}${where}: ${issue.message}`;
    });
    super(`The return policy ${source} is not valid:\n${lines.join('\n')}`);
    this.name = 'PolicyFileError';
  }
}

/** `reasons[2].returnShipping.fee`: the path as a merchant reads it in the file. */
export function formatPath(path: PolicyIssue['path']): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/** The line of the deepest node of the path that exists, so a missing key points at its parent. */
function locate(doc: Document, counter: LineCounter, path: PolicyIssue['path']): number | null {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return null;
}

/** The policy version: stable across machines, changed by any edit of the file, even a comment. */
export function hashPolicy(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 12);
}

/**
 * Parses and validates a policy file's content (YAML, or JSON, which is YAML too). Throws a
 * PolicyFileError listing every problem with its path and line; returns the rules and version.
 */
export function parsePolicy(bytes: Uint8Array | string, source: string): Policy {
  const text = typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes);
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // The parser's message repeats the position and quotes the line; keep only the sentence.
    throw new PolicyFileError(source, doc.errors.map((error) => ({
      path: [], message: error.message.split(' at line ')[0] ?? error.code, line: error.linePos?.[0].line ?? null,
    })));
  }
  const result = PolicyFileSchema.safeParse(doc.toJS({ maxAliasCount: 50 }));
  if (!result.success) {
    throw new PolicyFileError(source, result.error.issues.map((issue) => {
      const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
      const message = /received undefined$/.test(issue.message) ? 'is missing' : issue.message;
      return { path, message, line: locate(doc, counter, path) };
    }));
  }
  const issues = checkPolicyFile(result.data);
  if (issues.length > 0) {
    throw new PolicyFileError(source, issues.map((issue) => ({ ...issue, line: locate(doc, counter, issue.path) })));
  }
  return { ...result.data, version: hashPolicy(bytes) };
}

/** Reads and validates the policy file at a path; meant to run once, at start. */
export async function loadPolicyFile(path: string): Promise<Policy> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PolicyFileError(path, [{ path: [], message: `cannot be read (${reason})`, line: null }]);
  }
  return parsePolicy(bytes, path);
}
