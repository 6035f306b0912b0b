#!/usr/bin/env node
/**
 * `npm run package:teams`: builds dist/chamado-teams.zip, the app package to upload to Teams.
 * The ids and host in manifest/teams/manifest.json are placeholders; MICROSOFT_APP_ID (the Azure
 * Bot's app id, a GUID) and TEAMS_VALID_DOMAIN (the bot's public host name; else the host of
 * PUBLIC_URL) fill them in, and a value that would not install stops it with exit 1. The words
 * come from locales/<lng>/teams.json (`manifest`): English in the manifest, Brazilian Portuguese
 * in pt-br.json, which Teams shows to people whose Teams speaks Portuguese. The zip is written
 * with node's own zlib (stored + deflated entries), so no zip package is needed.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.join(__dirname, '..');
const dir = path.join(root, 'manifest', 'teams');
const PLACEHOLDER = '00000000-0000-0000-0000-000000000000';
const PLACEHOLDER_HOST = 'chamado.example.com';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function refuse(line) {
  process.stderr.write(`Cannot build the Teams app package: ${line}\n`);
  process.exit(1);
}

/** The app id and host the package needs, checked: a package with placeholders would not install. */
function settings(env) {
  const appId = (env.MICROSOFT_APP_ID ?? '').trim();
  if (!appId) refuse('MICROSOFT_APP_ID is not set. Set it to the Microsoft App ID of your Azure Bot (Configuration → Microsoft App ID).');
  if (!GUID.test(appId)) refuse(`MICROSOFT_APP_ID must be a GUID like 1b2c3d4e-0000-4a5b-8c9d-0123456789ab (the Azure Bot's Microsoft App ID), got "${appId}".`);
  let host = (env.TEAMS_VALID_DOMAIN ?? '').trim();
  if (!host && env.PUBLIC_URL && URL.canParse(env.PUBLIC_URL)) host = new URL(env.PUBLIC_URL).hostname;
  if (!host) refuse('TEAMS_VALID_DOMAIN is not set. Set it to the public host name where Chamado answers, like chamado.acme.example (or set PUBLIC_URL).');
  if (!HOST.test(host)) {
    const hint = URL.canParse(host) ? ` (just the host name: ${new URL(host).hostname})` : '';
    refuse(`TEAMS_VALID_DOMAIN must be a host name like chamado.acme.example, without https:// or a path${hint}, got "${host}".`);
  }
  return { appId, host };
}

const words = (lng) => JSON.parse(fs.readFileSync(path.join(root, 'locales', lng, 'teams.json'), 'utf8')).manifest;

/** The manifest's strings in one language, as Teams' localization keys (`bots[0].commandLists[1].commands[2].title`, …). */
function localized(manifest, w) {
  const keys = {
    'name.short': w.name_short,
    'name.full': w.name_full,
    'description.short': w.description_short,
    'description.full': w.description_full,
  };
  manifest.bots[0].commandLists.forEach((list, l) => list.commands.forEach((command, c) => {
    const entry = w.commands[command.title];
    if (!entry) return;
    keys[`bots[0].commandLists[${l}].commands[${c}].title`] = entry.title;
    keys[`bots[0].commandLists[${l}].commands[${c}].description`] = entry.description;
  }));
  manifest.composeExtensions[0].commands.forEach((command, c) => {
    const entry = w.extensions[command.id];
    if (!entry) return;
    keys[`composeExtensions[0].commands[${c}].title`] = entry.title;
    keys[`composeExtensions[0].commands[${c}].description`] = entry.description;
  });
  return keys;
}

/** Applies localization keys to the manifest object itself (the default language's words). */
function apply(manifest, keys) {
  for (const [key, value] of Object.entries(keys)) {
    const parts = key.replace(/\[(\d+)\]/g, '.$1').split('.');
    let node = manifest;
    for (const part of parts.slice(0, -1)) node = node[part];
    if (!(key.endsWith('.title') && key.startsWith('bots['))) node[parts[parts.length - 1]] = value;
  }
}

function packageFiles(env) {
  const { appId, host } = settings(env);
  const text = fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8').split(PLACEHOLDER).join(appId).split(PLACEHOLDER_HOST).join(host);
  const manifest = JSON.parse(text);
  apply(manifest, localized(manifest, words('en')));
  const pt = localized(manifest, words('pt-BR'));
  manifest.localizationInfo = { defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'pt-br', file: 'pt-br.json' }] };
  const ptFile = { $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.24/MicrosoftTeams.Localization.schema.json', ...pt };
  return [
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2), 'utf8') },
    { name: 'pt-br.json', data: Buffer.from(JSON.stringify(ptFile, null, 2), 'utf8') },
    { name: 'color.png', data: fs.readFileSync(path.join(dir, 'color.png')) },
    { name: 'outline.png', data: fs.readFileSync(path.join(dir, 'outline.png')) },
  ];
}

function dosTime(date) {
  const time = (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2);
  const day = ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
  return { time, day };
}

/** A minimal zip: one local header + data per file, then the central directory. */
function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  const { time, day } = dosTime(new Date());
  for (const { name, data } of files) {
    const deflated = zlib.deflateRawSync(data);
    const crc = zlib.crc32(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(day, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, deflated);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + deflated.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

const files = packageFiles(process.env);
const out = process.argv[2] ?? path.join(root, 'dist', 'chamado-teams.zip');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, zip(files));
console.log(`Teams app package written to ${path.relative(process.cwd(), out)}`);
