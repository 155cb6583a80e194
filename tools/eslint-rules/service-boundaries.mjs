import path from 'node:path';

/**
 * Services talk only through events: a service may import libs, never another service's code;
 * a lib never imports a service. (ARCHITECTURE.md, "Domain, by owning service".)
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

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
      if (!target || target.kind !== 'service') return;
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
