import type { MaybeViewer } from '../viewer';
import { GRANTS, WHO_MAY_SEE, type ClassifiedResource } from './who-may-see';

/**
 * Whether the viewer (or the public, `null`) may see the resource. For single reads and fan-out;
 * lists use `visibilityPredicate`, which reads the same table. An unknown classification (bad
 * data) is seen by no one.
 */
export function canSee(viewer: MaybeViewer, resource: ClassifiedResource): boolean {
  const grants = WHO_MAY_SEE[resource.classification] ?? [];
  return grants.some((grant) => {
    const meaning = GRANTS[grant];
    if (meaning.public) return true;
    return viewer !== null && meaning.holds(viewer, resource);
  });
}
