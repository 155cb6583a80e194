import { Inject, Injectable, type LoggerService, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ServiceLog } from '@liaison/http';
import { SecretBox, WEBHOOK_SECRET_BOX } from './secret-box';

const BATCH = 100;

/**
 * At start, seals under the current key every webhook secret that is not yet: in clear from
 * before encryption, or under LIAISON_SECRET_KEY_PREVIOUS after a new key was set. Replicas
 * starting together share the work (rows are taken with SKIP LOCKED); once no replica runs with
 * the previous key's rows left, the previous key can be removed.
 */
@Injectable()
export class SecretResealing implements OnApplicationBootstrap {
  private readonly logger: LoggerService;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(WEBHOOK_SECRET_BOX) private readonly box: SecretBox,
    log: ServiceLog,
  ) {
    this.logger = log.for(SecretResealing.name);
  }

  async onApplicationBootstrap(): Promise<void> {
    const resealed = await this.reseal();
    if (resealed > 0) this.logger.log(`${resealed} webhook secrets sealed under key ${this.box.currentKeyId}`);
  }

  /** How many endpoints' secrets it sealed again. */
  async reseal(): Promise<number> {
    let resealed = 0;
    const current = `enc:v1:${this.box.currentKeyId}:%`;
    for (;;) {
      const done = await this.dataSource.transaction(async (manager) => {
        const rows: Array<{ id: string; secret: string; previous_secret: string | null }> = await manager.query(
          `SELECT id, secret, previous_secret FROM webhook_endpoints
            WHERE secret NOT LIKE $1 OR (previous_secret IS NOT NULL AND previous_secret NOT LIKE $1)
            ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [current],
        );
        for (const row of rows) {
          const previous = row.previous_secret === null ? null : this.box.seal(this.box.open(row.previous_secret));
          await manager.query(`UPDATE webhook_endpoints SET secret = $2, previous_secret = $3 WHERE id = $1`, [row.id, this.box.seal(this.box.open(row.secret)), previous]);
        }
        return rows.length;
      });
      resealed += done;
      if (done < BATCH) return resealed;
    }
  }
}
