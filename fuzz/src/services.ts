/**
 * The services the fuzzer drives, in this order; each is built and started from services/<name>
 * and fuzzed through the OpenAPI document it serves. A new service is one line here.
 */
export const FUZZED_SERVICES = [
  'organizations',
  'dialogues',
  'notifications',
  'capacity-building',
  'training',
] as const;
