import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConsoleFiles } from '../src/http/console-files';

// Real: the console's files from a directory on disk, served by node:http as the gateway serves
// them; anything the console does not answer is the gateway's 404.
describe('the console files of the standalone host', () => {
  let root: string;
  let server: Server;
  let origin: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'liaison-console-files-'));
    await mkdir(path.join(root, 'assets'));
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Liaison console</title>');
    await writeFile(path.join(root, 'assets', 'App-1.js'), 'console.log(1)');
    const files = (await ConsoleFiles.at(root))!;
    server = createServer((request, response) => {
      void files.serve(request, response, (request.url ?? '/').split('?')[0]).then((answered) => {
        if (!answered) response.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"status":404}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(root, { recursive: true, force: true });
  });

  it('serves a file, and the page for any other path of the console', async () => {
    expect(await (await fetch(`${origin}/assets/App-1.js`)).text()).toBe('console.log(1)');
    const page = await fetch(`${origin}/briefs/some-id`);
    expect([page.status, await page.text()]).toEqual([200, '<!doctype html><title>Liaison console</title>']);
  });

  it('answers 404 while the console is being rebuilt (its files gone), and keeps serving once they are back', async () => {
    await rm(path.join(root, 'index.html'));
    await rm(path.join(root, 'assets'), { recursive: true });
    for (const route of ['/briefs/some-id', '/assets/App-1.js', '/']) expect((await fetch(`${origin}${route}`)).status).toBe(404);
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>rebuilt</title>');
    expect(await (await fetch(`${origin}/briefs/some-id`)).text()).toBe('<!doctype html><title>rebuilt</title>');
  });
});
