// Reads an npm tarball (gzipped ustar) in memory: file paths and contents, no `tar` binary needed.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

function field(header, start, length) {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? length : end).toString('utf8');
}

/** Returns a Map from path (without npm's leading `package/`) to the file's bytes; directories are skipped. */
export function readTarball(path) {
  const archive = gunzipSync(readFileSync(path));
  const files = new Map();
  let offset = 0;
  let longName = null;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const name = field(header, 0, 100);
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = field(header, 156, 1) || '0';
    const prefix = field(header, 345, 155);
    const body = archive.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (type === 'x' || type === 'g') continue; // pax headers: npm and pnpm do not need them for short paths
    const fullName = longName ?? (prefix ? `${prefix}/${name}` : name);
    longName = null;
    if (type !== '0' && type !== '\0') {
      if (type === '5') continue; // directory entry
      throw new Error(`${path}: entry ${fullName} has unexpected tar type '${type}' (links are not allowed)`);
    }
    if (!fullName.startsWith('package/')) throw new Error(`${path}: entry ${fullName} is outside package/`);
    files.set(fullName.slice('package/'.length), Buffer.from(body));
  }
  return files;
}
