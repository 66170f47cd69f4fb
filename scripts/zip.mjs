// A zip archive whose bytes depend on its entries' names and contents only, so that building twice
// from one commit gives the same file, as the stores' reviewers check: entries sorted by name (byte
// order, not the locale's), every time 1980-01-01 00:00 (the format's first), every file mode 0644,
// no directory entries, no extra fields, no comment. Deflated by the zlib Node ships (level 9), or
// stored when that does not make an entry smaller.
import { crc32, deflateRawSync } from 'node:zlib';

const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1; // 1980, month 1, day 1
const UTF8_NAMES = 1 << 11;
const MADE_BY_UNIX = (3 << 8) | 20;
const NEEDS_VERSION = 20;
const FILE_MODE = 0o100644;

/**
 * The zip of `entries` (`name` a relative path with `/` separators, `data` its bytes).
 * @param {{ name: string, data: Buffer }[]} entries
 * @returns {Buffer}
 */
export function zip(entries) {
  const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of sorted) {
    if (name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
      throw new Error(`zip: ${name} is not a relative path`);
    }
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const crc = crc32(data);
    const common = (header) => {
      header.writeUInt16LE(UTF8_NAMES, 0);
      header.writeUInt16LE(stored ? 0 : 8, 2);
      header.writeUInt16LE(DOS_TIME, 4);
      header.writeUInt16LE(DOS_DATE, 6);
      header.writeUInt32LE(crc, 8);
      header.writeUInt32LE(body.length, 12);
      header.writeUInt32LE(data.length, 16);
      header.writeUInt16LE(nameBytes.length, 20);
      return header;
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(NEEDS_VERSION, 4);
    common(local.subarray(6));
    locals.push(local, nameBytes, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(MADE_BY_UNIX, 4);
    central.writeUInt16LE(NEEDS_VERSION, 6);
    common(central.subarray(8));
    central.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
