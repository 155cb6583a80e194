import {
  BriefPublishedEvent,
  BriefWithdrawnEvent,
  CertificateIssuedEvent,
  CertificateRevokedEvent,
  CoursePublishedEvent,
  DeskClosedEvent,
  DeskOpenedEvent,
  DeskUpdatedEvent,
  DialogueCancelledEvent,
  DialogueHeldEvent,
  DialogueRescheduledEvent,
  DialogueScheduledEvent,
  EnrolmentCompletedEvent,
  EnrolmentConfirmedEvent,
  EnrolmentWaitlistedEvent,
  EnrolmentWithdrawnEvent,
  InitiativeLaunchedEvent,
  InitiativeUpdatedEvent,
  MilestoneCompletedEvent,
  MilestoneDelayedEvent,
  MilestonePlannedEvent,
  OfficerJoinedEvent,
  OfficerLeftEvent,
  OfficerUpdatedEvent,
  OrganizationRegisteredEvent,
  OrganizationUpdatedEvent,
  ProgrammeClosedEvent,
  ProgrammeLaunchedEvent,
  ProgrammeUpdatedEvent,
  RecommendationAdoptedEvent,
  RecommendationStatusChangedEvent,
  SessionCancelledEvent,
  SessionRescheduledEvent,
  SessionScheduledEvent,
  type Language,
} from '@liaison/contracts';
import type { ItemType } from '../events/event-facts';

/**
 * ICU MessageFormat templates (intl-messageformat) for the title and summary of an inbox item,
 * per event type, in the six UN languages. Plural forms follow CLDR for each language: Arabic
 * has zero/one/two/few/many/other, Russian one/few/many/other, Chinese only other.
 * `{origin}` is the acronym of the event's origin organization.
 */
export interface Template {
  title: string;
  summary: string;
}

export type Templates = Record<Language, Template>;

const countries = {
  en: '{countryCount, plural, =0 {} one {Country: {countries}.} other {# countries: {countries}.}}',
  fr: '{countryCount, plural, =0 {} one {Pays : {countries}.} other {# pays : {countries}.}}',
  es: '{countryCount, plural, =0 {} one {País: {countries}.} other {# países: {countries}.}}',
  ru: '{countryCount, plural, =0 {} one {# страна: {countries}.} few {# страны: {countries}.} many {# стран: {countries}.} other {# страны: {countries}.}}',
  ar: '{countryCount, plural, zero {} one {بلد واحد: {countries}.} two {بلدان: {countries}.} few {# بلدان: {countries}.} many {# بلدًا: {countries}.} other {# بلد: {countries}.}}',
  zh: '{countryCount, plural, =0 {} other {# 个国家：{countries}。}}',
};

const participants = {
  en: '{participantCount, plural, one {# participating organization} other {# participating organizations}}',
  fr: '{participantCount, plural, one {# organisation participante} other {# organisations participantes}}',
  es: '{participantCount, plural, one {# organización participante} other {# organizaciones participantes}}',
  ru: '{participantCount, plural, one {# организация-участник} few {# организации-участника} many {# организаций-участников} other {# организации-участника}}',
  ar: '{participantCount, plural, zero {لا منظمات مشاركة} one {منظمة مشاركة واحدة} two {منظمتان مشاركتان} few {# منظمات مشاركة} many {# منظمة مشاركة} other {# منظمة مشاركة}}',
  zh: '{participantCount, plural, other {# 个参与组织}}',
};

const t = (title: Record<Language, string>, summary: Record<Language, string>): Templates =>
  Object.fromEntries((['ar', 'zh', 'en', 'fr', 'ru', 'es'] as Language[]).map((l) => [l, { title: title[l], summary: summary[l] }])) as Templates;

/** Per catalog type (a renamed, added or removed event fails the type-check here). */
export const TEMPLATES: { readonly [K in ItemType]: Templates } = {
  [OrganizationRegisteredEvent.type]: t(
    { en: 'New partner organization: {acronym}', fr: 'Nouvelle organisation partenaire : {acronym}', es: 'Nueva organización asociada: {acronym}', ru: 'Новая организация-партнёр: {acronym}', ar: 'منظمة شريكة جديدة: {acronym}', zh: '新的伙伴组织：{acronym}' },
    {
      en: '{name} joined Liaison ({memberCount, plural, =0 {no member states listed} one {# member state} other {# member states}}).',
      fr: '{name} a rejoint Liaison ({memberCount, plural, =0 {aucun État membre indiqué} one {# État membre} other {# États membres}}).',
      es: '{name} se unió a Liaison ({memberCount, plural, =0 {sin Estados miembros} one {# Estado miembro} other {# Estados miembros}}).',
      ru: '{name} присоединилась к Liaison ({memberCount, plural, =0 {государства-члены не указаны} one {# государство-член} few {# государства-члена} many {# государств-членов} other {# государства-члена}}).',
      ar: 'انضمت {name} إلى ليايزون ({memberCount, plural, zero {لا دول أعضاء} one {دولة عضو واحدة} two {دولتان عضوان} few {# دول أعضاء} many {# دولة عضوًا} other {# دولة عضو}}).',
      zh: '{name} 已加入 Liaison（{memberCount, plural, =0 {未列出成员国} other {# 个成员国}}）。',
    },
  ),
  [OrganizationUpdatedEvent.type]: t(
    { en: '{acronym} updated its details', fr: '{acronym} a mis à jour ses informations', es: '{acronym} actualizó sus datos', ru: '{acronym} обновила сведения', ar: 'حدّثت {acronym} بياناتها', zh: '{acronym} 更新了其信息' },
    { en: '{name}', fr: '{name}', es: '{name}', ru: '{name}', ar: '{name}', zh: '{name}' },
  ),
  [DeskOpenedEvent.type]: t(
    { en: '{origin} opened the desk {name}', fr: '{origin} a ouvert le bureau {name}', es: '{origin} abrió la oficina {name}', ru: '{origin} открыла отдел {name}', ar: 'افتتحت {origin} المكتب {name}', zh: '{origin} 开设了 {name} 办公桌' },
    countries,
  ),
  [DeskUpdatedEvent.type]: t(
    { en: 'Desk {name} changed', fr: 'Le bureau {name} a changé', es: 'La oficina {name} cambió', ru: 'Отдел {name} изменён', ar: 'تغيّر المكتب {name}', zh: '{name} 办公桌已更新' },
    countries,
  ),
  [DeskClosedEvent.type]: t(
    { en: '{origin} closed a desk', fr: '{origin} a fermé un bureau', es: '{origin} cerró una oficina', ru: '{origin} закрыла отдел', ar: 'أغلقت {origin} مكتبًا', zh: '{origin} 关闭了一个办公桌' },
    { en: 'Its officers remain in their organization.', fr: 'Ses agents restent dans leur organisation.', es: 'Su personal sigue en su organización.', ru: 'Его сотрудники остаются в своей организации.', ar: 'يبقى موظفوه في منظمتهم.', zh: '其官员仍留在本组织。' },
  ),
  [OfficerJoinedEvent.type]: t(
    { en: '{name} joined {origin}', fr: '{name} a rejoint {origin}', es: '{name} se unió a {origin}', ru: '{name} присоединяется к {origin}', ar: 'انضم {name} إلى {origin}', zh: '{name} 加入了 {origin}' },
    { en: 'A new desk officer is registered.', fr: 'Un nouvel agent est inscrit.', es: 'Se registró un nuevo funcionario.', ru: 'Зарегистрирован новый сотрудник.', ar: 'تم تسجيل موظف مكتب جديد.', zh: '已登记一名新的办事官员。' },
  ),
  [OfficerUpdatedEvent.type]: t(
    { en: 'Profile of {name} updated', fr: 'Profil de {name} mis à jour', es: 'Perfil de {name} actualizado', ru: 'Профиль {name} обновлён', ar: 'تم تحديث ملف {name}', zh: '{name} 的资料已更新' },
    { en: 'Desk, language or roles changed.', fr: 'Bureau, langue ou rôles modifiés.', es: 'Cambió la oficina, el idioma o las funciones.', ru: 'Изменены отдел, язык или роли.', ar: 'تغيّر المكتب أو اللغة أو الأدوار.', zh: '办公桌、语言或角色已变更。' },
  ),
  [OfficerLeftEvent.type]: t(
    { en: 'An officer left {origin}', fr: 'Un agent a quitté {origin}', es: 'Un funcionario dejó {origin}', ru: 'Сотрудник покинул {origin}', ar: 'غادر موظف {origin}', zh: '一名官员离开了 {origin}' },
    { en: 'Deliveries to them have stopped.', fr: 'Les envois vers cet agent ont cessé.', es: 'Se detuvieron los envíos.', ru: 'Доставка ему прекращена.', ar: 'توقفت الإرسالات إليه.', zh: '已停止向其发送。' },
  ),
  [DialogueScheduledEvent.type]: t(
    { en: 'Dialogue scheduled: {title}', fr: 'Dialogue prévu : {title}', es: 'Diálogo programado: {title}', ru: 'Запланирован диалог: {title}', ar: 'حوار مقرر: {title}', zh: '已安排对话：{title}' },
    { en: '{startsAt, date, medium}, ' + participants.en + '.', fr: '{startsAt, date, medium}, ' + participants.fr + '.', es: '{startsAt, date, medium}, ' + participants.es + '.', ru: '{startsAt, date, medium}, ' + participants.ru + '.', ar: '{startsAt, date, medium}، ' + participants.ar + '.', zh: '{startsAt, date, medium}，' + participants.zh + '。' },
  ),
  [DialogueRescheduledEvent.type]: t(
    { en: 'Dialogue moved: {title}', fr: 'Dialogue déplacé : {title}', es: 'Diálogo reprogramado: {title}', ru: 'Диалог перенесён: {title}', ar: 'تغيّر موعد الحوار: {title}', zh: '对话已改期：{title}' },
    { en: 'From {previousStartsAt, date, medium} to {startsAt, date, medium}.', fr: 'Du {previousStartsAt, date, medium} au {startsAt, date, medium}.', es: 'Del {previousStartsAt, date, medium} al {startsAt, date, medium}.', ru: 'С {previousStartsAt, date, medium} на {startsAt, date, medium}.', ar: 'من {previousStartsAt, date, medium} إلى {startsAt, date, medium}.', zh: '由 {previousStartsAt, date, medium} 改至 {startsAt, date, medium}。' },
  ),
  [DialogueHeldEvent.type]: t(
    { en: 'Dialogue held: {title}', fr: 'Dialogue tenu : {title}', es: 'Diálogo celebrado: {title}', ru: 'Диалог состоялся: {title}', ar: 'عُقد الحوار: {title}', zh: '对话已举行：{title}' },
    { en: '{outcome}', fr: '{outcome}', es: '{outcome}', ru: '{outcome}', ar: '{outcome}', zh: '{outcome}' },
  ),
  [DialogueCancelledEvent.type]: t(
    { en: 'Dialogue cancelled: {title}', fr: 'Dialogue annulé : {title}', es: 'Diálogo cancelado: {title}', ru: 'Диалог отменён: {title}', ar: 'أُلغي الحوار: {title}', zh: '对话已取消：{title}' },
    { en: 'It was planned for {startsAt, date, medium}.', fr: 'Il était prévu le {startsAt, date, medium}.', es: 'Estaba previsto para el {startsAt, date, medium}.', ru: 'Он был запланирован на {startsAt, date, medium}.', ar: 'كان مقررًا في {startsAt, date, medium}.', zh: '原定于 {startsAt, date, medium}。' },
  ),
  [RecommendationAdoptedEvent.type]: t(
    { en: 'Recommendation adopted: {dialogueTitle}', fr: 'Recommandation adoptée : {dialogueTitle}', es: 'Recomendación adoptada: {dialogueTitle}', ru: 'Принята рекомендация: {dialogueTitle}', ar: 'اعتُمدت توصية: {dialogueTitle}', zh: '已通过建议：{dialogueTitle}' },
    {
      en: '{text} ({ownerCount, plural, =0 {no owner yet} one {# owner} other {# owners}})',
      fr: '{text} ({ownerCount, plural, =0 {pas encore de responsable} one {# responsable} other {# responsables}})',
      es: '{text} ({ownerCount, plural, =0 {sin responsable} one {# responsable} other {# responsables}})',
      ru: '{text} ({ownerCount, plural, =0 {ответственных нет} one {# ответственный} few {# ответственных} many {# ответственных} other {# ответственного}})',
      ar: '{text} ({ownerCount, plural, zero {لا جهة مسؤولة بعد} one {جهة مسؤولة واحدة} two {جهتان مسؤولتان} few {# جهات مسؤولة} many {# جهة مسؤولة} other {# جهة مسؤولة}})',
      zh: '{text}（{ownerCount, plural, =0 {尚无负责方} other {# 个负责方}}）',
    },
  ),
  [RecommendationStatusChangedEvent.type]: t(
    { en: 'Recommendation now {status}', fr: 'Recommandation : {status}', es: 'Recomendación: {status}', ru: 'Рекомендация: {status}', ar: 'التوصية الآن: {status}', zh: '建议状态：{status}' },
    { en: '{dialogueTitle}: from {previousStatus} to {status}.', fr: '{dialogueTitle} : de {previousStatus} à {status}.', es: '{dialogueTitle}: de {previousStatus} a {status}.', ru: '{dialogueTitle}: из {previousStatus} в {status}.', ar: '{dialogueTitle}: من {previousStatus} إلى {status}.', zh: '{dialogueTitle}：由 {previousStatus} 变为 {status}。' },
  ),
  [BriefPublishedEvent.type]: t(
    { en: '{origin} brief: {title}', fr: 'Note de {origin} : {title}', es: 'Nota de {origin}: {title}', ru: 'Записка {origin}: {title}', ar: 'موجز من {origin}: {title}', zh: '{origin} 简报：{title}' },
    { en: countries.en + ' {summary}', fr: countries.fr + ' {summary}', es: countries.es + ' {summary}', ru: countries.ru + ' {summary}', ar: countries.ar + ' {summary}', zh: countries.zh + '{summary}' },
  ),
  [BriefWithdrawnEvent.type]: t(
    { en: 'Brief withdrawn: {title}', fr: 'Note retirée : {title}', es: 'Nota retirada: {title}', ru: 'Записка отозвана: {title}', ar: 'سُحب الموجز: {title}', zh: '简报已撤回：{title}' },
    { en: 'It is no longer shared.', fr: 'Elle n’est plus partagée.', es: 'Ya no se comparte.', ru: 'Она больше не распространяется.', ar: 'لم يعد متاحًا.', zh: '该简报不再共享。' },
  ),
  [InitiativeLaunchedEvent.type]: t(
    { en: '{origin} launched an initiative: {title}', fr: '{origin} a lancé une initiative : {title}', es: '{origin} lanzó una iniciativa: {title}', ru: '{origin} начала инициативу: {title}', ar: 'أطلقت {origin} مبادرة: {title}', zh: '{origin} 发起了倡议：{title}' },
    {
      en: '{supportingCount, plural, =0 {No supporting organization yet.} one {# organization in support.} other {# organizations in support.}}',
      fr: '{supportingCount, plural, =0 {Aucun soutien pour l’instant.} one {# organisation en soutien.} other {# organisations en soutien.}}',
      es: '{supportingCount, plural, =0 {Aún sin apoyo.} one {# organización de apoyo.} other {# organizaciones de apoyo.}}',
      ru: '{supportingCount, plural, =0 {Пока без поддержки.} one {Поддерживает # организация.} few {Поддерживают # организации.} many {Поддерживают # организаций.} other {Поддерживают # организации.}}',
      ar: '{supportingCount, plural, zero {لا منظمات داعمة بعد.} one {منظمة داعمة واحدة.} two {منظمتان داعمتان.} few {# منظمات داعمة.} many {# منظمة داعمة.} other {# منظمة داعمة.}}',
      zh: '{supportingCount, plural, =0 {尚无支持组织。} other {# 个组织提供支持。}}',
    },
  ),
  [InitiativeUpdatedEvent.type]: t(
    { en: 'Initiative updated: {title}', fr: 'Initiative mise à jour : {title}', es: 'Iniciativa actualizada: {title}', ru: 'Инициатива обновлена: {title}', ar: 'تحديث المبادرة: {title}', zh: '倡议已更新：{title}' },
    { en: 'Status: {status}.', fr: 'Statut : {status}.', es: 'Estado: {status}.', ru: 'Статус: {status}.', ar: 'الحالة: {status}.', zh: '状态：{status}。' },
  ),
  [ProgrammeLaunchedEvent.type]: t(
    { en: 'Programme launched: {title}', fr: 'Programme lancé : {title}', es: 'Programa iniciado: {title}', ru: 'Начата программа: {title}', ar: 'إطلاق برنامج: {title}', zh: '项目已启动：{title}' },
    {
      en: '{focusAreaCount, plural, =0 {No focus area yet.} one {# focus area.} other {# focus areas.}}',
      fr: '{focusAreaCount, plural, =0 {Aucun domaine prioritaire.} one {# domaine prioritaire.} other {# domaines prioritaires.}}',
      es: '{focusAreaCount, plural, =0 {Sin áreas prioritarias.} one {# área prioritaria.} other {# áreas prioritarias.}}',
      ru: '{focusAreaCount, plural, =0 {Направлений пока нет.} one {# направление.} few {# направления.} many {# направлений.} other {# направления.}}',
      ar: '{focusAreaCount, plural, zero {لا مجالات تركيز بعد.} one {مجال تركيز واحد.} two {مجالا تركيز.} few {# مجالات تركيز.} many {# مجالًا للتركيز.} other {# مجال تركيز.}}',
      zh: '{focusAreaCount, plural, =0 {尚无重点领域。} other {# 个重点领域。}}',
    },
  ),
  [ProgrammeUpdatedEvent.type]: t(
    { en: 'Programme updated: {title}', fr: 'Programme mis à jour : {title}', es: 'Programa actualizado: {title}', ru: 'Программа обновлена: {title}', ar: 'تحديث البرنامج: {title}', zh: '项目已更新：{title}' },
    { en: 'Scope: {scope}.', fr: 'Portée : {scope}.', es: 'Alcance: {scope}.', ru: 'Охват: {scope}.', ar: 'النطاق: {scope}.', zh: '范围：{scope}。' },
  ),
  [ProgrammeClosedEvent.type]: t(
    { en: 'Programme closed: {title}', fr: 'Programme clos : {title}', es: 'Programa cerrado: {title}', ru: 'Программа завершена: {title}', ar: 'اختُتم البرنامج: {title}', zh: '项目已结束：{title}' },
    { en: 'Closed on {closedOn}.', fr: 'Clos le {closedOn}.', es: 'Cerrado el {closedOn}.', ru: 'Завершена {closedOn}.', ar: 'اختُتم في {closedOn}.', zh: '于 {closedOn} 结束。' },
  ),
  [MilestonePlannedEvent.type]: t(
    { en: 'Milestone planned: {title}', fr: 'Jalon prévu : {title}', es: 'Hito previsto: {title}', ru: 'Запланирован этап: {title}', ar: 'مرحلة مقررة: {title}', zh: '已计划里程碑：{title}' },
    { en: '{programmeTitle}, due {dueOn}.', fr: '{programmeTitle}, échéance {dueOn}.', es: '{programmeTitle}, vence el {dueOn}.', ru: '{programmeTitle}, срок {dueOn}.', ar: '{programmeTitle}، الموعد {dueOn}.', zh: '{programmeTitle}，截止 {dueOn}。' },
  ),
  [MilestoneCompletedEvent.type]: t(
    { en: 'Milestone completed: {title}', fr: 'Jalon atteint : {title}', es: 'Hito cumplido: {title}', ru: 'Этап выполнен: {title}', ar: 'اكتملت المرحلة: {title}', zh: '里程碑已完成：{title}' },
    { en: '{programmeTitle}, completed {completedOn}.', fr: '{programmeTitle}, atteint le {completedOn}.', es: '{programmeTitle}, cumplido el {completedOn}.', ru: '{programmeTitle}, выполнен {completedOn}.', ar: '{programmeTitle}، اكتملت في {completedOn}.', zh: '{programmeTitle}，于 {completedOn} 完成。' },
  ),
  [MilestoneDelayedEvent.type]: t(
    { en: 'Milestone delayed: {title}', fr: 'Jalon en retard : {title}', es: 'Hito retrasado: {title}', ru: 'Этап задерживается: {title}', ar: 'تأخرت المرحلة: {title}', zh: '里程碑已延误：{title}' },
    { en: '{programmeTitle}, was due {dueOn}.', fr: '{programmeTitle}, échéance dépassée ({dueOn}).', es: '{programmeTitle}, vencía el {dueOn}.', ru: '{programmeTitle}, срок был {dueOn}.', ar: '{programmeTitle}، كان موعدها {dueOn}.', zh: '{programmeTitle}，原定 {dueOn}。' },
  ),
  [CoursePublishedEvent.type]: t(
    { en: 'New course: {title}', fr: 'Nouveau cours : {title}', es: 'Nuevo curso: {title}', ru: 'Новый курс: {title}', ar: 'دورة جديدة: {title}', zh: '新课程：{title}' },
    {
      en: 'Offered in {languageCount, plural, one {# language} other {# languages}}.',
      fr: 'Proposé en {languageCount, plural, one {# langue} other {# langues}}.',
      es: 'Ofrecido en {languageCount, plural, one {# idioma} other {# idiomas}}.',
      ru: 'Доступен на {languageCount, plural, one {# языке} few {# языках} many {# языках} other {# языках}}.',
      ar: 'متاحة {languageCount, plural, zero {بلا لغات} one {بلغة واحدة} two {بلغتين} few {بـ # لغات} many {بـ # لغة} other {بـ # لغة}}.',
      zh: '提供 {languageCount, plural, other {# 种语言}}。',
    },
  ),
  [SessionScheduledEvent.type]: t(
    { en: 'Training session: {courseTitle}', fr: 'Session de formation : {courseTitle}', es: 'Sesión de formación: {courseTitle}', ru: 'Учебная сессия: {courseTitle}', ar: 'جلسة تدريبية: {courseTitle}', zh: '培训课程：{courseTitle}' },
    {
      en: '{startsAt, date, medium}, {seats, plural, one {# seat} other {# seats}}.',
      fr: '{startsAt, date, medium}, {seats, plural, one {# place} other {# places}}.',
      es: '{startsAt, date, medium}, {seats, plural, one {# plaza} other {# plazas}}.',
      ru: '{startsAt, date, medium}, {seats, plural, one {# место} few {# места} many {# мест} other {# места}}.',
      ar: '{startsAt, date, medium}، {seats, plural, zero {لا مقاعد} one {مقعد واحد} two {مقعدان} few {# مقاعد} many {# مقعدًا} other {# مقعد}}.',
      zh: '{startsAt, date, medium}，{seats, plural, other {# 个名额}}。',
    },
  ),
  [SessionRescheduledEvent.type]: t(
    { en: 'Session changed: {courseTitle}', fr: 'Session modifiée : {courseTitle}', es: 'Sesión modificada: {courseTitle}', ru: 'Сессия изменена: {courseTitle}', ar: 'تغيّرت الجلسة: {courseTitle}', zh: '课程已变更：{courseTitle}' },
    {
      en: 'From {previousStartsAt, date, medium} to {startsAt, date, medium}, {seats, plural, one {# seat} other {# seats}}.',
      fr: 'Du {previousStartsAt, date, medium} au {startsAt, date, medium}, {seats, plural, one {# place} other {# places}}.',
      es: 'Del {previousStartsAt, date, medium} al {startsAt, date, medium}, {seats, plural, one {# plaza} other {# plazas}}.',
      ru: 'С {previousStartsAt, date, medium} на {startsAt, date, medium}, {seats, plural, one {# место} few {# места} many {# мест} other {# места}}.',
      ar: 'من {previousStartsAt, date, medium} إلى {startsAt, date, medium}، {seats, plural, zero {لا مقاعد} one {مقعد واحد} two {مقعدان} few {# مقاعد} many {# مقعدًا} other {# مقعد}}.',
      zh: '由 {previousStartsAt, date, medium} 改至 {startsAt, date, medium}，{seats, plural, other {# 个名额}}。',
    },
  ),
  [SessionCancelledEvent.type]: t(
    { en: 'Session cancelled: {courseTitle}', fr: 'Session annulée : {courseTitle}', es: 'Sesión cancelada: {courseTitle}', ru: 'Сессия отменена: {courseTitle}', ar: 'أُلغيت الجلسة: {courseTitle}', zh: '课程已取消：{courseTitle}' },
    { en: 'Planned for {startsAt, date, medium}. {reason}', fr: 'Prévue le {startsAt, date, medium}. {reason}', es: 'Prevista para el {startsAt, date, medium}. {reason}', ru: 'Была назначена на {startsAt, date, medium}. {reason}', ar: 'كانت مقررة في {startsAt, date, medium}. {reason}', zh: '原定于 {startsAt, date, medium}。{reason}' },
  ),
  [EnrolmentConfirmedEvent.type]: t(
    { en: 'Seat confirmed: {courseTitle}', fr: 'Place confirmée : {courseTitle}', es: 'Plaza confirmada: {courseTitle}', ru: 'Место подтверждено: {courseTitle}', ar: 'تأكد مقعدك: {courseTitle}', zh: '名额已确认：{courseTitle}' },
    { en: 'The session starts {startsAt, date, medium}.', fr: 'La session commence le {startsAt, date, medium}.', es: 'La sesión empieza el {startsAt, date, medium}.', ru: 'Сессия начинается {startsAt, date, medium}.', ar: 'تبدأ الجلسة في {startsAt, date, medium}.', zh: '课程于 {startsAt, date, medium} 开始。' },
  ),
  [EnrolmentWaitlistedEvent.type]: t(
    { en: 'On the waitlist: {courseTitle}', fr: 'Sur liste d’attente : {courseTitle}', es: 'En lista de espera: {courseTitle}', ru: 'В листе ожидания: {courseTitle}', ar: 'على قائمة الانتظار: {courseTitle}', zh: '候补名单：{courseTitle}' },
    { en: 'Position {position}.', fr: 'Rang {position}.', es: 'Posición {position}.', ru: 'Позиция {position}.', ar: 'الترتيب {position}.', zh: '第 {position} 位。' },
  ),
  [EnrolmentWithdrawnEvent.type]: t(
    { en: 'Enrolment withdrawn: {courseTitle}', fr: 'Inscription retirée : {courseTitle}', es: 'Inscripción retirada: {courseTitle}', ru: 'Запись отменена: {courseTitle}', ar: 'سُحب التسجيل: {courseTitle}', zh: '报名已撤回：{courseTitle}' },
    { en: 'The session starts {startsAt, date, medium}.', fr: 'La session commence le {startsAt, date, medium}.', es: 'La sesión empieza el {startsAt, date, medium}.', ru: 'Сессия начинается {startsAt, date, medium}.', ar: 'تبدأ الجلسة في {startsAt, date, medium}.', zh: '课程于 {startsAt, date, medium} 开始。' },
  ),
  [EnrolmentCompletedEvent.type]: t(
    { en: 'Training completed: {courseTitle}', fr: 'Formation terminée : {courseTitle}', es: 'Formación completada: {courseTitle}', ru: 'Обучение завершено: {courseTitle}', ar: 'اكتمل التدريب: {courseTitle}', zh: '培训已完成：{courseTitle}' },
    { en: 'Your certificate is ready ({completedOn}).', fr: 'Votre certificat est prêt ({completedOn}).', es: 'Su certificado está listo ({completedOn}).', ru: 'Ваш сертификат готов ({completedOn}).', ar: 'شهادتك جاهزة ({completedOn}).', zh: '您的证书已就绪（{completedOn}）。' },
  ),
  [CertificateIssuedEvent.type]: t(
    { en: 'Certificate issued: {courseTitle}', fr: 'Certificat délivré : {courseTitle}', es: 'Certificado expedido: {courseTitle}', ru: 'Выдан сертификат: {courseTitle}', ar: 'صدرت الشهادة: {courseTitle}', zh: '证书已颁发：{courseTitle}' },
    { en: 'Issued on {issuedOn}; anyone with its link can verify it.', fr: 'Délivré le {issuedOn} ; toute personne disposant du lien peut le vérifier.', es: 'Expedido el {issuedOn}; cualquiera con el enlace puede verificarlo.', ru: 'Выдан {issuedOn}; его может проверить любой, у кого есть ссылка.', ar: 'صدرت في {issuedOn}؛ يمكن لأي شخص لديه الرابط التحقق منها.', zh: '颁发于 {issuedOn}；持有链接者均可验证。' },
  ),
  [CertificateRevokedEvent.type]: t(
    { en: 'Certificate revoked: {courseTitle}', fr: 'Certificat révoqué : {courseTitle}', es: 'Certificado revocado: {courseTitle}', ru: 'Сертификат отозван: {courseTitle}', ar: 'أُلغيت الشهادة: {courseTitle}', zh: '证书已撤销：{courseTitle}' },
    { en: 'It no longer verifies. {reason}', fr: 'Il n’est plus vérifiable. {reason}', es: 'Ya no se puede verificar. {reason}', ru: 'Он больше не проходит проверку. {reason}', ar: 'لم يعد بالإمكان التحقق منها. {reason}', zh: '该证书已无法验证。{reason}' },
  ),
};

/** What an e-mail about a restricted item (amber-strict, red) says instead of its content. */
export const RESTRICTED: Record<Language, { subject: string; body: string }> = {
  en: { subject: 'New restricted item in Liaison', body: 'A restricted item was shared with you. Sign in to read it:' },
  fr: { subject: 'Nouvel élément restreint dans Liaison', body: 'Un élément restreint vous a été communiqué. Connectez-vous pour le lire :' },
  es: { subject: 'Nuevo elemento restringido en Liaison', body: 'Se compartió con usted un elemento restringido. Inicie sesión para leerlo:' },
  ru: { subject: 'Новый материал ограниченного доступа в Liaison', body: 'Вам направлен материал ограниченного доступа. Войдите, чтобы прочитать его:' },
  ar: { subject: 'عنصر مقيد جديد في ليايزون', body: 'شورك معك عنصر مقيد. سجّل الدخول لقراءته:' },
  zh: { subject: 'Liaison 中有新的受限内容', body: '有受限内容与您共享。请登录阅读：' },
};

export const DIGEST: Record<Language, { subject: string; intro: string; restricted: string }> = {
  en: { subject: '{count, plural, one {Liaison: # update today} other {Liaison: # updates today}}', intro: 'Your daily digest:', restricted: 'Restricted item — sign in to read' },
  fr: { subject: '{count, plural, one {Liaison : # nouvelle aujourd’hui} other {Liaison : # nouvelles aujourd’hui}}', intro: 'Votre résumé quotidien :', restricted: 'Élément restreint — connectez-vous pour le lire' },
  es: { subject: '{count, plural, one {Liaison: # novedad hoy} other {Liaison: # novedades hoy}}', intro: 'Su resumen diario:', restricted: 'Elemento restringido: inicie sesión para leerlo' },
  ru: { subject: '{count, plural, one {Liaison: # обновление за день} few {Liaison: # обновления за день} many {Liaison: # обновлений за день} other {Liaison: # обновления за день}}', intro: 'Ваша ежедневная сводка:', restricted: 'Материал ограниченного доступа — войдите, чтобы прочитать' },
  ar: { subject: '{count, plural, zero {ليايزون: لا تحديثات اليوم} one {ليايزون: تحديث واحد اليوم} two {ليايزون: تحديثان اليوم} few {ليايزون: # تحديثات اليوم} many {ليايزون: # تحديثًا اليوم} other {ليايزون: # تحديث اليوم}}', intro: 'ملخصك اليومي:', restricted: 'عنصر مقيد — سجّل الدخول لقراءته' },
  zh: { subject: '{count, plural, other {Liaison：今日 # 条更新}}', intro: '您的每日摘要：', restricted: '受限内容——请登录阅读' },
};
