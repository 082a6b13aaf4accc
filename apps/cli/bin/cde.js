#!/usr/bin/env node
// `npx cde …`: runs the built CLI (dist/apps/cli/main.js, `./dev build cli`), or its source through tsx in a checkout
// that was not built yet.
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const built = path.join(root, 'dist/apps/cli/main.js');
if (existsSync(built)) {
  require(built);
} else {
  require('tsx/cjs');
  require(path.join(root, 'apps/cli/src/main.ts'));
}
