import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from './env.server';

// A merchant configures the portal from the README's table: every variable the server reads is
// there, and nothing there is a variable the server would ignore.
describe("the README's configuration table", () => {
  it('names exactly the variables EnvSchema reads', () => {
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const documented = new Set(
      section
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]!)),
    );
    expect([...documented].sort()).toEqual(Object.keys(EnvSchema.shape).sort());
  });
});
