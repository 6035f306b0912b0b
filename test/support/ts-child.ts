import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** node's arguments to run a TypeScript entry point (relative to the root) from its sources, no build needed. */
export function tsNodeArgs(entry: string, ...args: string[]): string[] {
  return ['-r', path.join(__dirname, 'register-ts.js'), path.resolve(root, entry), ...args];
}
