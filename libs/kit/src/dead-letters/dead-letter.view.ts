import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DeadLetter } from '@liaison/messaging';

/** A dead letter as an operator sees it: what failed, where, how often and why. */
export class DeadLetterView {
  @ApiProperty({ description: 'opaque reference, for replay and discard' })
  id: string;

  @ApiProperty({ example: 'liaison.dialogues.brief.published' })
  subject: string;

  @ApiProperty({ description: 'the durable consumer (service and subject) that gave up on it' })
  consumer: string;

  @ApiProperty({ description: 'deliveries tried before it was set aside' })
  deliveries: number;

  @ApiProperty({ description: 'the last error of its handler' })
  error: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'the event id, when the message was an event at all' })
  eventId: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'liaison.brief.published.v1' })
  eventType: string | null;

  @ApiProperty({ format: 'date-time' })
  deadAt: string;
}

export function deadLetterView(letter: DeadLetter): DeadLetterView {
  return {
    id: letter.id,
    subject: letter.subject,
    consumer: letter.consumer,
    deliveries: letter.deliveries,
    error: letter.error,
    eventId: letter.event?.id ?? null,
    eventType: letter.event?.type ?? null,
    deadAt: letter.deadAt.toISOString(),
  };
}
