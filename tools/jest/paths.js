// Maps the `paths` of tsconfig.base.json to Jest's moduleNameMapper, so tests import libs by package name.
const path = require('node:path');
const { compilerOptions } = require('../../tsconfig.base.json');

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

exports.pathsToModuleNameMapper = function pathsToModuleNameMapper() {
  const root = path.resolve(__dirname, '../..');
  const mapper = {};
  for (const [alias, targets] of Object.entries(compilerOptions.paths ?? {})) {
    mapper[`^${escape(alias)}$`] = path.join(root, targets[0]);
  }
  return mapper;
};
