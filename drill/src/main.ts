import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { account, type Accounting, deadLetterCount, eventsInStream, quiescence, streamEnd } from './checker';
import { deliveriesMade, DRILLS, malformedEventDrill, poisonEventDrill, redeliveries } from './drills';
import { DrillLiaison } from './liaison';
import { writeLoad } from './load';
import { seedNetwork } from './network';
import { DrillMailbox, DrillWebhookReceiver } from './receivers';
import { DrillNats, DrillPostgres } from './servers';

interface Options {
  quick: boolean;
  rate: number;
  seconds: number;
  outageMs: number;
  ackWaitMs: number;
  officers: number;
  only?: string;
}

function options(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const value = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return {
    quick,
    // scenarios per second, about 1.5 writes each: quick, a few hundred writes per drill; full, at least 10,000
    rate: Number(value('rate') ?? (quick ? 16 : 34)),
    seconds: Number(value('seconds') ?? (quick ? 12 : 210)),
    // full: five minutes, longer than the old retry budget of about 2.6 minutes
    outageMs: Number(value('outage-ms') ?? (quick ? 8_000 : 300_000)),
    ackWaitMs: Number(value('ack-wait-ms') ?? 500),
    officers: Number(value('officers') ?? 3),
    only: value('only'),
  };
}

interface DrillRow extends Accounting {
  drill: string;
  refused: number;
  /** answers 5xx other than 503 */
  errors: number;
  /** dead letters the drill made (a handled event whose deliveries ran out is one too) */
  deadLetters: number;
  statuses: Record<string, number>;
  redelivered: number;
  recoveryMs: number;
}

/**
 * `npm run drill`: Liaison as separate processes on a Postgres and a NATS of the drill's own,
 * a steady load of writes to every service from a subscribed network (inbox, e-mail, webhooks),
 * one fault per drill, then an account of every acknowledged write; then a malformed event and
 * a poison event through the dead letters. Exits non-zero when anything was lost, duplicated or
 * leaked.
 */
async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const work = mkdtempSync(path.join(tmpdir(), 'liaison-drill-'));
  const log = (line: string) => console.log(`drill: ${line}`);
  log(`working in ${work}`);
  const postgres = await DrillPostgres.create(path.join(work, 'postgres'));
  const nats = await DrillNats.create(path.join(work, 'nats'));
  const mailbox = await DrillMailbox.start();
  const webhooks = await DrillWebhookReceiver.start();
  const receivers = { mailbox, webhooks };
  mkdirSync(path.join(work, 'logs'));
  let liaison: DrillLiaison | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await liaison?.stop();
      await nats.remove();
      await postgres.remove();
      await mailbox.close();
      await webhooks.close();
    })());
  // stopped from outside: the drill's servers and services go with it
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  const rows: DrillRow[] = [];
  try {
    liaison = await DrillLiaison.start(
      postgres,
      nats,
      path.join(work, 'logs'),
      // short budgets, so that an outage outlasts them many times over
      { DATABASE_POOL_SIZE: '5' },
      {
        notifications: {
          // one SMTP connection kept for the e-mails in turn (nodemailer's pool), as an operator would set it
          SMTP_URL: `${mailbox.url}/?pool=true`,
          WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
          WEBHOOK_RETRY_BASE_MS: '500',
          EMAIL_RETRY_BASE_MS: '500',
          DELIVERY_POLL_MS: '250',
        },
      },
    );
    const network = await seedNetwork(liaison, webhooks, opts.officers);
    log(`network: ${network.organizations.length} organizations, ${network.officers.length} subscribed officers, ${network.webhooks.size} webhook endpoints`);
    await quiescence(liaison, receivers);
    // first, while the dead letters hold nothing else: the operator's list shows the oldest first
    const malformed = await malformedEventDrill(liaison, network);
    log(`malformed event: ${malformed.listed ? 'in the dead letters, listed to a UN admin' : 'NOT in the dead letters'}${malformed.discarded ? ', discarded with a reason' : ''}`);
    const poisonFrom = await streamEnd(nats.url);
    const poison = await poisonEventDrill(liaison, network);
    await quiescence(liaison, receivers);
    const poisonAccount = await account(liaison, network, receivers, [poison.write], poisonFrom);
    const poisonOnce = poison.deadLettered && poison.replayed && poison.replayedTwiceRefused && poisonAccount.lost + poisonAccount.duplicates + poisonAccount.leaks === 0;
    log(
      `poison event: ${poison.deadLettered ? `dead letter after ${poison.deliveries} deliveries (${poison.error})` : 'NOT in the dead letters'}; ` +
        `replayed after the fix: ${poison.replayed ? 'yes' : 'NO'}, a second replay refused: ${poison.replayedTwiceRefused ? 'yes' : 'NO'}; ` +
        `lost ${poisonAccount.lost}, duplicates ${poisonAccount.duplicates}, leaks ${poisonAccount.leaks} over ${poisonAccount.deliveries.items} items, ${poisonAccount.deliveries.emails} e-mails, ${poisonAccount.deliveries.webhooks} webhook deliveries`,
    );
    for (const line of poisonAccount.details) log(`    ${line}`);
    for (const drill of DRILLS.filter((d) => !opts.only || d.name.toLowerCase().includes(opts.only.toLowerCase()))) {
      log(`${drill.name}: ${opts.seconds} s of writes, ${opts.rate} scenarios/s`);
      const from = await streamEnd(nats.url);
      const deliveredBefore = await deliveriesMade(nats.url);
      const deadBefore = await deadLetterCount(nats.url);
      let stop!: () => void;
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      const load = writeLoad(liaison, network, opts.rate, stopped);
      await new Promise((resolve) => setTimeout(resolve, (opts.seconds * 1000) / 3));
      const faultStarted = Date.now();
      await drill.fault(liaison, { outageMs: opts.outageMs, ackWaitMs: opts.ackWaitMs });
      // the rest of the load after the fault, however long the fault took
      await new Promise((resolve) => setTimeout(resolve, (opts.seconds * 1000 * 2) / 3));
      stop();
      const result = await load;
      await drill.after?.(liaison);
      const recoveryMs = Date.now() - faultStarted + (await quiescence(liaison, receivers));
      const redelivered = redeliveries(deliveredBefore, await deliveriesMade(nats.url), (await eventsInStream(nats.url, from)).bySubject);
      const accounting = await account(liaison, network, receivers, result.acknowledged, from);
      // an outage is answered 503 with Retry-After; any other 5xx is a fault of the product
      const errors = Object.entries(result.statuses).filter(([answer]) => /\s5\d\d$/.test(answer) && !answer.endsWith(' 503')).reduce((n, [, count]) => n + count, 0);
      const deadLetters = (await deadLetterCount(nats.url)) - deadBefore;
      rows.push({ drill: drill.name, refused: result.refused, errors, statuses: result.statuses, redelivered, deadLetters, recoveryMs, ...accounting });
      const { items, emails, webhooks: hooks } = accounting.deliveries;
      log(
        `  acknowledged ${accounting.acknowledged}, refused ${result.refused}, lost ${accounting.lost}, duplicates ${accounting.duplicates}, leaks ${accounting.leaks}; ` +
          `checked ${items} items, ${emails} e-mails, ${hooks} webhook deliveries; redelivered ${redelivered}, dead letters ${deadLetters}, resent ${accounting.resends}; 5xx not 503: ${errors}; recovered in ${(recoveryMs / 1000).toFixed(1)} s`,
      );
      log(`  answers: ${JSON.stringify(result.statuses)}`);
      for (const line of accounting.details) log(`    ${line}`);
    }
    printTable(rows);
    const file = path.resolve(__dirname, '../../bench/results', `drill-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}Z${opts.quick ? '-quick' : ''}.json`);
    writeFileSync(file, JSON.stringify({ options: opts, officers: network.officers.length, rows, malformed, poison: { ...poison, account: poisonAccount } }, null, 2));
    log(`table written to ${path.relative(process.cwd(), file)}`);
    const failed = rows.some((row) => row.lost + row.duplicates + row.leaks + row.errors > 0 || row.acknowledged === 0) || !malformed.listed || !malformed.discarded || !poisonOnce;
    return failed ? 1 : 0;
  } finally {
    await cleanup();
  }
}

function printTable(rows: DrillRow[]): void {
  console.log('\n| drill | writes acknowledged | refused | lost | duplicates | leaks | items, e-mails, webhooks checked | redelivered | resent | 5xx not 503 | recovered in | dead letters |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    const { items, emails, webhooks } = row.deliveries;
    console.log(
      `| ${row.drill} | ${row.acknowledged} | ${row.refused} | ${row.lost} | ${row.duplicates} | ${row.leaks} | ${items}, ${emails}, ${webhooks} | ${row.redelivered} | ${row.resends} | ${row.errors} | ${(row.recoveryMs / 1000).toFixed(1)} s | ${row.deadLetters} |`,
    );
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
