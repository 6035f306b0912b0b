import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { COMMAND_NAMES } from '../../../src/core';
import { EXTENSION_COMMANDS } from '../../../src/teams/bot';

const dir = path.join(__dirname, '../../../manifest/teams');
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

/**
 * @microsoft/app-manifest loads an ES module (strip-bom) that Jest's CommonJS runtime cannot
 * require, so the validation runs in a plain node child process, which can.
 */
function validateWithAppManifest(file: string): string[] {
  const script = `require('@microsoft/app-manifest').AppManifestUtils.validateAgainstSchema(require(process.argv[1]))
    .then((errors) => process.stdout.write(JSON.stringify(errors)), (e) => { process.stderr.write(String(e)); process.exit(1); });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, file], { cwd: path.join(__dirname, '../../..'), encoding: 'utf8' }));
}

test('the manifest passes the official schema shipped by @microsoft/app-manifest', () => {
  expect(manifest.manifestVersion).toBe('1.24');
  expect(validateWithAppManifest(path.join(dir, 'manifest.json'))).toEqual([]);
});

test('the same validation catches a broken manifest (so the check above can fail)', () => {
  const broken = path.join(mkdtempSync(path.join(tmpdir(), 'chamado-manifest-')), 'manifest.json');
  writeFileSync(broken, JSON.stringify({ ...manifest, bots: [{ ...manifest.bots[0], scopes: ['everywhere'] }] }));
  expect(validateWithAppManifest(broken).length).toBeGreaterThan(0);
});

test('the bot is in team, personal and groupChat scopes and asks for ChannelMessage.Read.Group', () => {
  expect(manifest.bots[0].scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
  expect(manifest.authorization.permissions.resourceSpecific).toContainEqual({ name: 'ChannelMessage.Read.Group', type: 'Application' });
  expect(manifest.validDomains.length).toBeGreaterThan(0);
});

test('the message-extension commands in the manifest are exactly those the code handles', () => {
  const commands: { id: string; type: string; context: string[]; fetchTask: boolean }[] = manifest.composeExtensions.flatMap((c: { commands: unknown[] }) => c.commands);
  expect(commands.map((c) => c.id).sort()).toEqual(Object.keys(EXTENSION_COMMANDS).sort());
  for (const c of commands) expect(c).toMatchObject({ type: 'action', context: ['message'], fetchTask: true });
});

test('every command listed in commandLists is one the grammar handles, and every grammar command is listed', () => {
  const listed = new Set<string>(manifest.bots[0].commandLists.flatMap((l: { commands: { title: string }[] }) => l.commands.map((c) => c.title)));
  for (const title of listed) expect(COMMAND_NAMES).toContain(title);
  expect([...COMMAND_NAMES].sort()).toEqual([...listed].sort());
});

test('the icons are PNGs of 192×192 (color) and 32×32 (outline)', () => {
  const size = (file: string) => {
    const png = readFileSync(path.join(dir, file));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    return [png.readUInt32BE(16), png.readUInt32BE(20)];
  };
  expect(size('color.png')).toEqual([192, 192]);
  expect(size('outline.png')).toEqual([32, 32]);
});

test('npm run package:teams builds a zip with the manifest (app id filled in) and both icons', () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'chamado-teams-')), 'app.zip');
  const appId = '11111111-2222-3333-4444-555555555555';
  execFileSync(process.execPath, [path.join(__dirname, '../../../scripts/package-teams.js'), out], { env: { ...process.env, MICROSOFT_APP_ID: appId }, stdio: 'pipe' });
  const zip = readFileSync(out);
  const entries = new Map<string, Buffer>();
  for (let offset = 0; zip.readUInt32LE(offset) === 0x04034b50;) {
    const compressed = zip.readUInt32LE(offset + 18);
    const nameLength = zip.readUInt16LE(offset + 26);
    const name = zip.subarray(offset + 30, offset + 30 + nameLength).toString();
    const start = offset + 30 + nameLength + zip.readUInt16LE(offset + 28);
    entries.set(name, inflateRawSync(zip.subarray(start, start + compressed)));
    offset = start + compressed;
  }
  expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  const packaged = JSON.parse(entries.get('manifest.json')!.toString());
  expect(packaged.bots[0].botId).toBe(appId);
  expect(packaged.id).toBe(appId);
  expect(entries.get('color.png')!.equals(readFileSync(path.join(dir, 'color.png')))).toBe(true);
});
