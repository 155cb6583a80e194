import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Language, Role } from '@liaison/contracts';

@Entity('officers')
export class Officer {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @Column('uuid', { name: 'desk_id', nullable: true })
  deskId: string | null;

  /** stored lower-case: one address, one officer */
  @Column('text')
  email: string;

  @Column('text')
  name: string;

  @Column('text')
  language: Language;

  @Column('text', { array: true })
  roles: Role[];

  /** argon2id; never leaves this service, not even in events */
  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash: string | null;

  @Column({ type: 'timestamptz', name: 'left_at', nullable: true, precision: 3 })
  leftAt: Date | null;

  @Column('int')
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
