import path from 'node:path';

/** The repository's root, from this lib's sources (specs run from source). */
export const REPO_ROOT = path.resolve(__dirname, '../../../../..');
