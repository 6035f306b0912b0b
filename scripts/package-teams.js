#!/usr/bin/env node
/**
 * `npm run package:teams`: builds dist/chamado-teams.zip, the app package to upload to Teams.
 * The ids in manifest/teams/manifest.json are placeholders; MICROSOFT_APP_ID (and optional
 * TEAMS_VALID_DOMAIN, the bot's public host) fill them in. The zip is written with node's
 * own zlib (stored + deflated entries), so no zip package is needed.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.join(__dirname, '..');
const dir = path.join(root, 'manifest', 'teams');
const PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

function manifest() {
  const appId = process.env.MICROSOFT_APP_ID;
  if (!appId) console.warn('MICROSOFT_APP_ID is not set: the package keeps placeholder ids and will not install.');
  let text = fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8');
  if (appId) text = text.split(PLACEHOLDER).join(appId);
  if (process.env.TEAMS_VALID_DOMAIN) text = text.split('chamado.example.com').join(process.env.TEAMS_VALID_DOMAIN);
  return Buffer.from(text, 'utf8');
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

const out = process.argv[2] ?? path.join(root, 'dist', 'chamado-teams.zip');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, zip([
  { name: 'manifest.json', data: manifest() },
  { name: 'color.png', data: fs.readFileSync(path.join(dir, 'color.png')) },
  { name: 'outline.png', data: fs.readFileSync(path.join(dir, 'outline.png')) },
]));
console.log(`Teams app package written to ${path.relative(process.cwd(), out)}`);
