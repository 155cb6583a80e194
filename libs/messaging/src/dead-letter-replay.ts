import { type DeadLetter, DeadLetterNotReplayable, type DeliveryHandler, errorMessage, isOutage } from './event-bus';

/**
 * Runs a dead letter's event through its consumer's handler once, as one more delivery. Resolves
 * `undefined` when the handler took it (or found it in its inbox, already handled) and the error
 * when it failed again, so the bus sets the event aside anew; an outage rejects, since the event
 * is not at fault and its dead letter stays as it was.
 */
export async function replayToHandler(letter: DeadLetter, handler: DeliveryHandler | undefined): Promise<string | undefined> {
  if (!letter.event) throw new DeadLetterNotReplayable(`Dead letter ${letter.id} is not a CloudEvent and cannot be replayed`);
  if (!handler) throw new DeadLetterNotReplayable(`Dead letter ${letter.id}: consumer ${letter.consumer} has no handler in this process`);
  try {
    await handler({
      event: letter.event,
      subject: letter.subject,
      consumer: letter.consumer,
      deliveryCount: letter.deliveries + 1,
      traceparent: letter.traceparent,
    });
    return undefined;
  } catch (error) {
    if (isOutage(error)) throw error;
    return errorMessage(error);
  }
}
