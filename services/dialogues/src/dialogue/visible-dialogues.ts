import { canSee, MaybeViewer } from '@liaison/auth';
import { EntityManager, In } from 'typeorm';
import { Dialogue } from './dialogue.entity';
import { classifiedOf } from './dialogue.view';

/**
 * Of the dialogues these ids name, those the viewer may see. A record shows the id of a dialogue it
 * refers to (a series' previous one, a brief's) only to whom may see that dialogue: a bare id would
 * tell that a hidden dialogue exists.
 */
export async function visibleDialogueIds(manager: EntityManager, viewer: MaybeViewer, ids: Array<string | null>): Promise<Set<string>> {
  const named = [...new Set(ids.filter((id): id is string => id !== null))];
  if (named.length === 0) return new Set();
  const dialogues = await manager.findBy(Dialogue, { id: In(named) });
  return new Set(dialogues.filter((dialogue) => canSee(viewer, classifiedOf(dialogue))).map((dialogue) => dialogue.id));
}
