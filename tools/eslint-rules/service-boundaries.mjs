import path from 'node:path';

/**
 * Services talk only through events: a service may import libs, never another service's code;
 * a lib never imports a service. Libs keep their layers: each imports only the libs below it,
 * and `testing` is imported from tests only. (ARCHITECTURE.md, "Domain, by owning service", "Layout".)
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

/** The libs each lib may import (ARCHITECTURE.md, "Layout"). */
const LIB_LAYERS = {
  contracts: [],
  persistence: ['contracts'],
  messaging: ['persistence', 'contracts'],
  http: ['contracts'],
  auth: ['http', 'persistence', 'contracts'],
  registry: ['auth', 'http', 'messaging', 'persistence', 'contracts'],
  kit: ['registry', 'auth', 'http', 'messaging', 'persistence', 'contracts'],
  testing: ['kit', 'registry', 'auth', 'http', 'messaging', 'persistence', 'contracts'],
};

function isTestFile(file) {
  const relative = path.relative(ROOT, file).split(path.sep);
  return relative.includes('test') || /\.(spec|test)\.ts$/.test(file);
}

function owner(file) {
  const relative = path.relative(ROOT, file).split(path.sep);
  if (relative[0] === 'services' && relative[1]) return { kind: 'service', name: relative[1] };
  if (relative[0] === 'libs' && relative[1]) return { kind: 'lib', name: relative[1] };
  return undefined;
}

export const serviceBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'a service imports libs and its own code only; libs import no service' },
    messages: {
      otherService: '{{from}} may not import code of the {{to}} service: use its events from @liaison/contracts.',
      libImportsService: 'The {{from}} lib may not import the {{to}} service.',
      libLayer: 'The {{from}} lib may not import @liaison/{{to}}: it may import {{allowed}}.',
      testingOutsideTests: '@liaison/testing is for tests only.',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = owner(file);
    if (!from) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      const target = specifier.startsWith('.')
        ? owner(path.resolve(path.dirname(file), specifier))
        : specifier.startsWith('@liaison/') ? { kind: 'lib', name: specifier.split('/')[1] } : undefined;
      if (!target) return;
      if (target.kind === 'lib') {
        if (target.name === from.name) return;
        if (target.name === 'testing') {
          if (!isTestFile(file)) context.report({ node, messageId: 'testingOutsideTests' });
          return;
        }
        const allowed = LIB_LAYERS[from.name];
        if (from.kind === 'lib' && allowed && !allowed.includes(target.name)) {
          context.report({ node, messageId: 'libLayer', data: { from: from.name, to: target.name, allowed: allowed.join(', ') || 'none of ours' } });
        }
        return;
      }
      if (from.kind === 'lib') {
        context.report({ node, messageId: 'libImportsService', data: { from: from.name, to: target.name } });
      } else if (target.name !== from.name && from.name !== 'standalone') {
        context.report({ node, messageId: 'otherService', data: { from: from.name, to: target.name } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node.arguments[0], node.arguments[0].value);
        }
      },
    };
  },
};
