/**
 * Runs before every test file (jest.config.js setupFiles). botbuilder writes what it refuses to
 * console.error / console.warn (CloudAdapter's 401 and 500 stacks, JwtTokenExtractor's "Error
 * finding key") besides answering it; the tests check the answers, and Chamado logs through pino.
 * Only console calls made from botbuilder's own files are dropped, so every other console.error
 * (ours, a test's, jest's) still shows.
 */
const SDK_FILE = /[/\\]node_modules[/\\](botbuilder[^/\\]*|botframework-[^/\\]+)[/\\]/;

for (const level of ['error', 'warn'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    // Frame 0 is this function, frame 1 whoever called console[level].
    const caller = new Error().stack?.split('\n')[2] ?? '';
    if (!SDK_FILE.test(caller)) original(...args);
  };
}
