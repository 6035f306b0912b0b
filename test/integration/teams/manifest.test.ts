import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import Ajv from 'ajv';
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
  // Teams allows ten commands a scope; `split` is the message action "Split into tickets" there, so it gives its slot away.
  expect([...COMMAND_NAMES].filter((c) => c !== 'split').sort()).toEqual([...listed].sort());
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

const packageScript = path.join(__dirname, '../../../scripts/package-teams.js');
const APP_ID = '11111111-2222-3333-4444-555555555555';

function unzip(file: string): Map<string, Buffer> {
  const zip = readFileSync(file);
  const entries = new Map<string, Buffer>();
  for (let offset = 0; zip.readUInt32LE(offset) === 0x04034b50;) {
    const compressed = zip.readUInt32LE(offset + 18);
    const nameLength = zip.readUInt16LE(offset + 26);
    const name = zip.subarray(offset + 30, offset + 30 + nameLength).toString();
    const start = offset + 30 + nameLength + zip.readUInt16LE(offset + 28);
    entries.set(name, inflateRawSync(zip.subarray(start, start + compressed)));
    offset = start + compressed;
  }
  return entries;
}

/** Runs the packaging script with exactly these variables; returns its exit code, stderr and the zip's entries. */
function packageTeams(env: Record<string, string>): { status: number | null; stderr: string; entries: Map<string, Buffer> } {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'chamado-teams-')), 'app.zip');
  const r = spawnSync(process.execPath, [packageScript, out], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr, entries: existsSync(out) ? unzip(out) : new Map() };
}

test('npm run package:teams builds a zip with the manifest (app id and host filled in), its Portuguese strings and both icons, all valid', () => {
  const { status, entries } = packageTeams({ MICROSOFT_APP_ID: APP_ID, TEAMS_VALID_DOMAIN: 'chamado.acme.example' });
  expect(status).toBe(0);
  expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png', 'pt-br.json']);
  const packaged = JSON.parse(entries.get('manifest.json')!.toString());
  expect(packaged.bots[0].botId).toBe(APP_ID);
  expect(packaged.id).toBe(APP_ID);
  expect(packaged.developer.privacyUrl).toBe('https://chamado.acme.example/privacy');
  expect(packaged.developer.termsOfUseUrl).toBe('https://chamado.acme.example/terms');
  expect(packaged.validDomains).toEqual(['chamado.acme.example']);
  expect(packaged.localizationInfo).toEqual({ defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'pt-br', file: 'pt-br.json' }] });
  expect(JSON.stringify(packaged)).not.toContain('00000000-0000-0000-0000-000000000000');
  expect(entries.get('color.png')!.equals(readFileSync(path.join(dir, 'color.png')))).toBe(true);
  const folder = mkdtempSync(path.join(tmpdir(), 'chamado-teams-'));
  writeFileSync(path.join(folder, 'manifest.json'), entries.get('manifest.json')!);
  expect(validateWithAppManifest(path.join(folder, 'manifest.json'))).toEqual([]);
  // The Portuguese strings: valid against Teams' localization schema, and the menu names people see.
  const pt = JSON.parse(entries.get('pt-br.json')!.toString());
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/app-manifest/build/json-schemas/teams/v1.24/MicrosoftTeams.Localization.schema.json'), 'utf8'));
  // A draft-04 schema whose keywords draft-07 reads the same; formats are not what is checked here.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  const valid = ajv.validate({ ...schema, $schema: undefined }, pt);
  expect(ajv.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  const extensions: { id: string }[] = packaged.composeExtensions[0].commands;
  expect(pt[`composeExtensions[0].commands[${extensions.findIndex((c) => c.id === 'splitConversation')}].title`]).toBe('Dividir em chamados');
  expect(pt[`composeExtensions[0].commands[${extensions.findIndex((c) => c.id === 'createTicket')}].title`]).toBe('Criar chamado');
});

test.each([
  [{}, /^Cannot build the Teams app package: MICROSOFT_APP_ID is not set\./],
  [{ MICROSOFT_APP_ID: 'my-bot', TEAMS_VALID_DOMAIN: 'chamado.acme.example' }, /MICROSOFT_APP_ID must be a GUID .*got "my-bot"/],
  [{ MICROSOFT_APP_ID: APP_ID }, /TEAMS_VALID_DOMAIN is not set/],
  [{ MICROSOFT_APP_ID: APP_ID, TEAMS_VALID_DOMAIN: 'https://chamado.acme.example/' }, /TEAMS_VALID_DOMAIN must be a host name .*just the host name: chamado\.acme\.example/],
])('package:teams with %j writes nothing and exits 1 with one clear line', (env, pattern) => {
  const { status, stderr, entries } = packageTeams(env);
  expect(status).toBe(1);
  expect(stderr).toMatch(pattern);
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(entries.size).toBe(0);
});

test('package:teams takes the host from PUBLIC_URL when TEAMS_VALID_DOMAIN is not set', () => {
  const { status, entries } = packageTeams({ MICROSOFT_APP_ID: APP_ID, PUBLIC_URL: 'https://help.acme.example' });
  expect(status).toBe(0);
  expect(JSON.parse(entries.get('manifest.json')!.toString()).developer.privacyUrl).toBe('https://help.acme.example/privacy');
});
