import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TooManyRequests } from '@liaison/http';
import { normalizedEmail } from '../officer/officer-email';

/** Failures an account may have before each further one makes it wait. */
const FREE_FAILURES = 5;
/** The longest an account waits, so its owner is never locked out for long. */
const MAX_WAIT_SECONDS = 60;
/** Failures older than this are forgotten. */
const FORGET_AFTER_MINUTES = 15;

/**
 * Slows password guessing on one account from any number of clients (the per-client limit is the
 * route's throttle): after FREE_FAILURES failures each further one blocks the account for twice
 * as long as the last, 1 s up to MAX_WAIT_SECONDS. A success clears it. Kept in the database, so
 * every replica applies it; unknown addresses are counted alike, so the answer tells nothing.
 * An account is the address as the registry stores it (normalizedEmail), so its every spelling
 * counts against it.
 */
@Injectable()
export class LoginBackOff {
  constructor(private readonly dataSource: DataSource) {}

  async assertMayTry(email: string): Promise<void> {
    const [row] = await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM blocked_until - now()))::int AS wait FROM login_failures WHERE account = $1 AND blocked_until > now()`,
      [normalizedEmail(email)],
    );
    if (row) {
      throw new TooManyRequests('login-backed-off', 'Too many failed logins for this account: try again shortly.', Math.max(1, row.wait));
    }
  }

  async failed(email: string): Promise<void> {
    // this failure's count: one after FORGET_AFTER_MINUTES without failures starts it again
    const count = `CASE WHEN failure.last_failure_at < now() - make_interval(mins => $2) THEN 1 ELSE failure.failures + 1 END`;
    await this.dataSource.query(
      `INSERT INTO login_failures AS failure (account, failures, last_failure_at, blocked_until)
       VALUES ($1, 1, now(), now())
       ON CONFLICT (account) DO UPDATE SET
         failures = ${count},
         last_failure_at = now(),
         blocked_until = CASE WHEN ${count} >= $3
                              THEN now() + make_interval(secs => least(power(2, ${count} - $3), $4))
                              ELSE failure.blocked_until END`,
      [normalizedEmail(email), FORGET_AFTER_MINUTES, FREE_FAILURES, MAX_WAIT_SECONDS],
    );
    // the table holds only recent failures
    await this.dataSource.query(`DELETE FROM login_failures WHERE last_failure_at < now() - make_interval(mins => $1)`, [FORGET_AFTER_MINUTES]);
  }

  async succeeded(email: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE account = $1`, [normalizedEmail(email)]);
  }
}
