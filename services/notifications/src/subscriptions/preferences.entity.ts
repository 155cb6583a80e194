import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An officer's delivery preferences. Its existence also says the officer's subscriptions are
 * rows: before it, fan-out applies the default subscription without one.
 */
@Entity('notification_preferences')
export class NotificationPreferences {
  @PrimaryColumn('uuid', { name: 'officer_id' })
  officerId: string;

  /** IANA time zone, for the daily digest; null until the officer chooses one (the digest then takes UTC) */
  @Column('text', { nullable: true })
  timezone: string | null;

  /** local hour (0-23) at which the daily digest is sent */
  @Column('int', { name: 'digest_hour' })
  digestHour: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
