import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { defineEvent } from '../envelope';
import { Classified, Reclassification } from '../vocabulary/classified';
import { DIALOGUE_KINDS, DialogueKind } from '../vocabulary/domain';
import { IsCalendarDate, IsTimestamp } from '../vocabulary/temporal';

/** A dialogue as its events carry it: the whole record, so read models and fan-out need nothing else. */
export class DialogueState extends Classified {
  @IsUUID()
  dialogueId: string;

  @IsIn(DIALOGUE_KINDS)
  kind: DialogueKind;

  @IsString()
  @Length(1, 300)
  title: string;

  /** Organization ids. */
  @IsArray()
  @ArrayMinSize(1)
  @IsUUID('all', { each: true })
  participants: string[];

  @IsTimestamp()
  startsAt: string;

  @IsOptional()
  @IsTimestamp()
  endsAt?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  location?: string;

  @IsArray()
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  agenda: string[];

  /** The dialogue this one follows in a series (e.g. last year's staff-level meeting); absent for a first one. */
  @IsOptional()
  @IsUUID()
  previousDialogueId?: string;
}

export class DialogueScheduled extends DialogueState {}

/** The full new state, with the start it replaces so a message can say "moved from … to …". */
export class DialogueRescheduled extends DialogueState {
  @IsTimestamp()
  previousStartsAt: string;
}

export class DialogueOutcome {
  @IsString()
  @Length(1, 10000)
  summary: string;

  @IsCalendarDate()
  heldOn: string;
}

export class DialogueHeld extends DialogueState {
  @ValidateNested()
  @Type(() => DialogueOutcome)
  outcome: DialogueOutcome;
}

export class DialogueCancelled extends DialogueState {
  @IsUUID()
  cancelledBy: string;
}

export const DialogueScheduledEvent = defineEvent({
  service: 'dialogues',
  aggregate: 'dialogue',
  verb: 'scheduled',
  payload: DialogueScheduled,
  description: 'A high-level meeting, retreat, desk-to-desk, staff-level meeting or consultation was scheduled.',
});

export const DialogueRescheduledEvent = defineEvent({
  service: 'dialogues',
  aggregate: 'dialogue',
  verb: 'rescheduled',
  payload: DialogueRescheduled,
  description: 'A dialogue moved, or its place, participants or agenda changed; the payload is its full new state.',
});

export const DialogueHeldEvent = defineEvent({
  service: 'dialogues',
  aggregate: 'dialogue',
  verb: 'held',
  payload: DialogueHeld,
  description: 'A dialogue took place and its outcome was recorded.',
});

export const DialogueCancelledEvent = defineEvent({
  service: 'dialogues',
  aggregate: 'dialogue',
  verb: 'cancelled',
  payload: DialogueCancelled,
  description: 'A scheduled dialogue was cancelled.',
});

/** Its classification, audience, origin or author changed; the record's content is not repeated. */
export class DialogueReclassified extends Reclassification {
  @IsUUID()
  dialogueId: string;
}

export const DialogueReclassifiedEvent = defineEvent({
  service: 'dialogues',
  aggregate: 'dialogue',
  verb: 'reclassified',
  payload: DialogueReclassified,
  description: 'A dialogue changed who may see it (classification, audience, origin or author); consumers apply the new reach to what they already show or still have to send.',
});
