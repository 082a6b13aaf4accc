// Preloaded (`node --require`) by the smoke test of the built apps: loading any package that package-lock.json marks
// as a dev dependency throws, so a bundle that would need more than `npm ci --omit=dev` fails here, not in an image.
const Module = require('node:module');
const path = require('node:path');
const { readFileSync } = require('node:fs');

const root = path.resolve(__dirname, '../..');
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const devOnly = new Set(
  Object.entries(lock.packages)
    .filter(([key, entry]) => key.startsWith('node_modules/') && entry.dev === true)
    .map(([key]) => key),
);

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveProductionOnly(request, ...rest) {
  const resolved = resolve.call(this, request, request === undefined ? undefined : rest[0], ...rest.slice(1));
  const relative = path.relative(root, resolved).split(path.sep).join('/');
  // The innermost node_modules/<package> that holds the file, with its path (the lock's key for it).
  const match = /^((?:.*\/)?node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(relative);
  if (match && devOnly.has(match[1])) {
    throw new Error(`${request} resolves to ${match[1]}, a dev dependency that an image does not install`);
  }
  return resolved;
};
