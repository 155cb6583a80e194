import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The repository's own eslint and configuration, as `npm test` runs them, on code that crosses
// (or keeps to) the boundaries. (A child process: eslint loads its ESM config by dynamic import.)
const root = path.resolve(__dirname, '../..');

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const run = spawnSync(path.join(root, 'node_modules/.bin/eslint'), ['--format', 'json', '--stdin', '--stdin-filename', file], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
  return result.messages.filter((m) => m.ruleId === 'liaison/service-boundaries').map((m) => m.message);
}

describe('a service imports libs, never another service', () => {
  it('refuses a relative import of another service\'s code', async () => {
    const errors = await boundaryErrors(
      'services/dialogues/src/brief/briefs.service.ts',
      `import { Officer } from '../../../organizations/src/officer/officer.entity';\nexport const x = Officer;\n`,
    );
    expect(errors).toEqual([expect.stringContaining('dialogues may not import code of the organizations service')]);
  });

  it('refuses a lib that imports a service', async () => {
    const errors = await boundaryErrors('libs/auth/src/x.ts', `export { Desk } from '../../../services/organizations/src/desk/desk.entity';\n`);
    expect(errors).toEqual([expect.stringContaining('may not import the organizations service')]);
  });

  it('lets a service import libs and its own code', async () => {
    const errors = await boundaryErrors(
      'services/dialogues/src/brief/briefs.service.ts',
      `import { canSee } from '@liaison/auth';\nimport { Brief } from './brief.entity';\nexport const x = [canSee, Brief];\n`,
    );
    expect(errors).toEqual([]);
  });
});

describe('libs keep their layers', () => {
  it('refuses a lib that imports a lib above it', async () => {
    const errors = await boundaryErrors('libs/contracts/src/x.ts', `import { Outbox } from '@liaison/messaging';\nexport const x = Outbox;\n`);
    expect(errors).toEqual([expect.stringContaining('The contracts lib may not import @liaison/messaging')]);
    const http = await boundaryErrors('libs/http/src/x.ts', `import { canSee } from '@liaison/auth';\nexport const x = canSee;\n`);
    expect(http).toEqual([expect.stringContaining('The http lib may not import @liaison/auth')]);
  });

  it('refuses @liaison/testing outside tests, and allows it in them', async () => {
    const inSource = await boundaryErrors('services/dialogues/src/x.ts', `import { testMessaging } from '@liaison/testing';\nexport const x = testMessaging;\n`);
    expect(inSource).toEqual([expect.stringContaining('@liaison/testing is for tests only')]);
    const inTest = await boundaryErrors('services/dialogues/test/x.spec.ts', `import { testMessaging } from '@liaison/testing';\nexport const x = testMessaging;\n`);
    expect(inTest).toEqual([]);
  });

  it('lets the kit import the libs below it', async () => {
    const errors = await boundaryErrors('libs/kit/src/x.ts', `import { Outbox } from '@liaison/messaging';\nimport { canSee } from '@liaison/auth';\nexport const x = [Outbox, canSee];\n`);
    expect(errors).toEqual([]);
  });
});

