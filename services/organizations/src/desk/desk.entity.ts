import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Theme } from '@liaison/contracts';

@Entity('desks')
export class Desk {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('text')
  name: string;

  @Column('text', { array: true, default: () => `'{}'` })
  countries: string[];

  @Column('text', { array: true, default: () => `'{}'` })
  themes: Theme[];

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true, precision: 3 })
  closedAt: Date | null;

  @Column('int')
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
