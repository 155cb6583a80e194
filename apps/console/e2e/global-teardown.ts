import { stopStandalone } from './standalone';

/** Stops the standalone the setup started and removes its data directory: a run leaves nothing running. */
export default async function globalTeardown(): Promise<void> {
  await stopStandalone();
}
