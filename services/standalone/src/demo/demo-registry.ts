/**
 * The demo world's registry, from the founding document (shared/seed): the UN's Department of
 * Political and Peacebuilding Affairs and the regional organizations it works with, a desk each,
 * and desk officers who read Liaison in the six official languages.
 */
export interface DemoOrganization {
  acronym: string;
  name: string;
  kind: 'regional' | 'subregional';
  region: string;
  memberStates: string[];
  chapterVIII: boolean;
  website: string;
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { acronym: 'AU', name: 'African Union', kind: 'regional', region: 'africa', memberStates: ['ET', 'SD', 'ML', 'NG', 'ZA'], chapterVIII: true, website: 'https://au.int' },
  { acronym: 'EU', name: 'European Union', kind: 'regional', region: 'europe', memberStates: ['BE', 'FR', 'DE', 'ES', 'IT'], chapterVIII: true, website: 'https://european-union.europa.eu' },
  { acronym: 'OAS', name: 'Organization of American States', kind: 'regional', region: 'americas', memberStates: ['US', 'MX', 'BR', 'CO', 'HT'], chapterVIII: true, website: 'https://www.oas.org' },
  { acronym: 'OSCE', name: 'Organization for Security and Co-operation in Europe', kind: 'regional', region: 'europe', memberStates: ['AT', 'RU', 'UA', 'RS', 'BA'], chapterVIII: true, website: 'https://www.osce.org' },
  { acronym: 'ECOWAS', name: 'Economic Community of West African States', kind: 'subregional', region: 'africa', memberStates: ['NG', 'GH', 'SN', 'CI'], chapterVIII: true, website: 'https://ecowas.int' },
  { acronym: 'LAS', name: 'League of Arab States', kind: 'regional', region: 'middle-east', memberStates: ['EG', 'SA', 'JO', 'LY', 'SD'], chapterVIII: true, website: 'https://www.leagueofarabstates.net' },
];

export interface DemoDesk {
  key: string;
  organization: string;
  name: string;
  countries: string[];
  themes: string[];
}

export const DEMO_DESKS: DemoDesk[] = [
  { key: 'dppa-africa', organization: 'UN', name: 'DPPA — Africa', countries: ['SD', 'ML', 'LY'], themes: ['conflict-prevention', 'mediation'] },
  { key: 'dppa-mediation', organization: 'UN', name: 'DPPA — Policy and Mediation', countries: [], themes: ['mediation', 'peacemaking'] },
  { key: 'au-peace', organization: 'AU', name: 'Political Affairs, Peace and Security', countries: ['SD', 'ML'], themes: ['mediation', 'electoral-assistance'] },
  { key: 'eu-eeas', organization: 'EU', name: 'EEAS — Peace, Partnerships and Crisis Management', countries: ['RS', 'BA'], themes: ['mediation', 'peacebuilding'] },
  { key: 'oas-democracy', organization: 'OAS', name: 'Secretariat for Strengthening Democracy', countries: ['HT'], themes: ['electoral-assistance'] },
  { key: 'osce-cpc', organization: 'OSCE', name: 'Conflict Prevention Centre', countries: ['UA', 'RS'], themes: ['conflict-prevention'] },
  { key: 'ecowas-pap', organization: 'ECOWAS', name: 'Political Affairs, Peace and Security', countries: ['ML', 'NG'], themes: ['preventive-diplomacy'] },
  { key: 'las-crisis', organization: 'LAS', name: 'Crisis Management', countries: ['LY', 'SD'], themes: ['mediation', 'humanitarian'] },
];

export interface DemoOfficer {
  key: string;
  email: string;
  name: string;
  organization: string;
  desk: string;
  language: 'ar' | 'zh' | 'en' | 'fr' | 'ru' | 'es';
  /** what the officer's inbox follows */
  filters: Record<string, string[]>;
}

export const DEMO_OFFICERS: DemoOfficer[] = [
  { key: 'un-africa', email: 'amina.diallo@un.example.org', name: 'Amina Diallo', organization: 'UN', desk: 'dppa-africa', language: 'en', filters: { regions: ['africa'] } },
  { key: 'un-mediation', email: 'li.wei@un.example.org', name: 'Li Wei', organization: 'UN', desk: 'dppa-mediation', language: 'zh', filters: { themes: ['mediation'] } },
  { key: 'au', email: 'kwame.mensah@au.example.org', name: 'Kwame Mensah', organization: 'AU', desk: 'au-peace', language: 'en', filters: { regions: ['africa'] } },
  { key: 'eu', email: 'claire.martin@eu.example.org', name: 'Claire Martin', organization: 'EU', desk: 'eu-eeas', language: 'fr', filters: { regions: ['europe'] } },
  { key: 'oas', email: 'lucia.fernandez@oas.example.org', name: 'Lucía Fernández', organization: 'OAS', desk: 'oas-democracy', language: 'es', filters: { regions: ['americas'] } },
  { key: 'osce', email: 'irina.volkova@osce.example.org', name: 'Irina Volkova', organization: 'OSCE', desk: 'osce-cpc', language: 'ru', filters: { regions: ['europe'] } },
  { key: 'ecowas', email: 'awa.ndiaye@ecowas.example.org', name: 'Awa Ndiaye', organization: 'ECOWAS', desk: 'ecowas-pap', language: 'fr', filters: { regions: ['africa'] } },
  { key: 'las', email: 'omar.haddad@las.example.org', name: 'Omar Haddad', organization: 'LAS', desk: 'las-crisis', language: 'ar', filters: { regions: ['middle-east'] } },
];
