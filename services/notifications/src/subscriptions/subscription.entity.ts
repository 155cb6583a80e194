import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const CHANNELS = ['in-app', 'email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];
export const FREQUENCIES = ['immediate', 'daily'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/**
 * What one officer follows. Within a list any value matches, an empty list matches everything;
 * the lists (and `concerningMe`) must all match. Arrays with GIN indexes: fan-out matches them
 * all in one query.
 */
@Entity('subscriptions')
export class Subscription {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'officer_id' })
  officerId: string;

  @Column('text', { name: 'event_types', array: true })
  eventTypes: string[];

  @Column('uuid', { array: true })
  organizations: string[];

  @Column('text', { array: true })
  countries: string[];

  @Column('text', { array: true })
  regions: string[];

  @Column('text', { array: true })
  themes: string[];

  /** only events that concern the officer's organization or the officer (participant, owner, enrolee…) */
  @Column('boolean', { name: 'concerning_me' })
  concerningMe: boolean;

  @Column('text', { array: true })
  channels: Channel[];

  @Column('text')
  frequency: Frequency;

  /** the subscription every officer starts with; changeable and removable like any other */
  @Column('boolean', { name: 'is_default' })
  isDefault: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

/** What an officer who never touched their subscriptions has (see fan-out: applied without a row). */
export const DEFAULT_SUBSCRIPTION = {
  eventTypes: [] as string[],
  organizations: [] as string[],
  countries: [] as string[],
  regions: [] as string[],
  themes: [] as string[],
  concerningMe: true,
  channels: ['in-app', 'email'] as Channel[],
  frequency: 'immediate' as Frequency,
};
