import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Rules = ReturnType<Storage['getTargetValidationMetadatas']>;

const installed = new WeakSet<Storage>();

/**
 * class-validator works a class's rules out again on every `validate` call, nested objects
 * included: it filters the class's rules and tests the class against every class that has rules
 * (`instanceof`, to find inherited ones), then groups them by property. With the contracts'
 * payload classes and the services' DTOs that is work and garbage repeated for every request and
 * event. Rules change only while classes are declared (their decorators run at import), so the
 * answer for a class is kept until a rule is added.
 *
 * Only the plain lookup is kept (no groups, no `always`, no schema: Liaison uses none of them);
 * any other goes to class-validator unchanged. Installed once, on the storage every copy of
 * class-validator in the process shares; the HTTP validation pipe reads the same storage.
 */
export function rememberValidationRules(storage: Storage = getMetadataStorage()): void {
  if (installed.has(storage)) return;
  installed.add(storage);
  const rulesOf = storage.getTargetValidationMetadatas.bind(storage);
  const groupByProperty = storage.groupByPropertyName.bind(storage);
  const addRule = storage.addValidationMetadata.bind(storage);
  let known = new WeakMap<object, Rules>();
  const grouped = new WeakMap<Rules, ReturnType<Storage['groupByPropertyName']>>();

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (typeof target !== 'function' || schema || always || strictGroups || (groups && groups.length > 0)) {
      return rulesOf(target, schema, always, strictGroups, groups);
    }
    let rules = known.get(target);
    if (!rules) {
      rules = rulesOf(target, schema, always, strictGroups, groups);
      known.set(target, rules);
      grouped.set(rules, groupByProperty(rules));
    }
    return rules;
  };
  // The kept rules are grouped once too; a list it did not hand out is grouped as before.
  storage.groupByPropertyName = (rules) => grouped.get(rules) ?? groupByProperty(rules);
  storage.addValidationMetadata = (rule) => {
    known = new WeakMap();
    addRule(rule);
  };
}
