import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Alert, PageTitle } from '../../shared/ui';
import { useSubmit } from '../accounts/use-form';
import { AfterTheDay } from './editor-after';
import { programmeBody, type RoomDraft, type SessionDraft, toDrafts } from './editor-drafts';
import { EventInfoForm } from './editor-info';
import { PrintLinks } from './editor-print';
import { ProgrammeEditor } from './editor-programme';
import { RoomsEditor } from './editor-rooms';
import { StatusActions } from './editor-status';
import { VenueSection } from './editor-venue';
import { QuestionnaireAnswers, QuestionnaireEditor } from '../evaluation/questionnaire';
import { LiveRoomsOfDay } from './live-rooms';
import type { Conflict, EventDetail } from './types';
import './events.css';

/**
 * Preparing a day: its information, status, rooms, programme grid with live conflicts, printed
 * material, "à retenir". The page holds the day and the programme being edited; each section is
 * its own component.
 */
export default function EventEditorPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const [detail, setDetail] = useState<EventDetail>();
  const [missing, setMissing] = useState(false);
  const [rooms, setRooms] = useState<RoomDraft[]>([]);
  const [sessions, setSessions] = useState<SessionDraft[]>([]);
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [notice, setNotice] = useState('');
  const edited = useRef(false);

  const load = async () => {
    try {
      const d = await request('GET /api/events/:id', { params: { id } });
      setDetail(d);
      const drafts = toDrafts(d);
      setRooms(drafts.rooms);
      setSessions(drafts.sessions);
      setConflicts(d.conflicts ?? []);
    } catch {
      setMissing(true);
    }
  };
  useEffect(() => {
    void load();
  }, [id]);

  // Conflicts are checked by the server as you edit (debounced), without saving.
  useEffect(() => {
    if (!detail || !edited.current) return;
    const timer = setTimeout(() => {
      request('POST /api/events/:id/programme/check', { params: { id: detail.event.id }, body: programmeBody(rooms, sessions) })
        .then((r) => setConflicts(r.conflicts))
        .catch(() => {});
    }, 350);
    return () => clearTimeout(timer);
  }, [rooms, sessions]);

  const saveProgramme = useSubmit(async () => {
    const res = await request('PUT /api/events/:id/programme', { params: { id: detail!.event.id }, body: programmeBody(rooms, sessions) });
    edited.current = false;
    await load();
    setConflicts(res.conflicts);
    setNotice(t('events.editor.saved'));
  });
  /** Reloads the day after a section saved, and says so. */
  const saved = (message: string) => async () => {
    await load();
    setNotice(message);
  };

  if (missing) return <Alert>{t('events.notFound')}</Alert>;
  if (!detail) return <p aria-busy="true">{t('common.loading')}</p>;
  const { event } = detail;
  if (!detail.canManage) return <Alert>{t('events.forbidden')}</Alert>;

  const editRooms = (next: RoomDraft[]) => {
    edited.current = true;
    setRooms(next);
  };
  const editSessions = (next: SessionDraft[]) => {
    edited.current = true;
    setSessions(next);
  };

  return (
    <section class="event-editor">
      <PageTitle>{t('events.editor.title', { title: event.title })}</PageTitle>
      <p>
        <span class={`badge status-${event.status}`}>{t(`events.status.${event.status}`)}</span>{' '}
        <Link href={`/journees/${event.slug}`}>{t('events.publicPage')}</Link> ·{' '}
        <Link href={`/journees/${event.id}/inscriptions`}>{t('events.registrations')}</Link> ·{' '}
        <Link href={`/journees/${event.id}/accueil`}>{t('events.checkin')}</Link>
      </p>
      <LiveRoomsOfDay territoryId={event.territoryId} sessions={detail.sessions} />
      <div aria-live="polite">{notice && <Alert kind="success">{notice}</Alert>}</div>
      <StatusActions event={event} onChanged={saved(t('events.editor.statusSaved'))} />
      <EventInfoForm event={event} onSaved={saved(t('events.editor.infoSaved'))} />
      <RoomsEditor rooms={rooms} onChange={editRooms} />
      <ProgrammeEditor event={event} rooms={rooms} sessions={sessions} conflicts={conflicts} onChange={editSessions} save={saveProgramme} />
      <PrintLinks detail={detail} />
      <VenueSection detail={detail} />
      <AfterTheDay detail={detail} onSaved={saved(t('events.editor.takeawaysSaved'))} />
      <QuestionnaireEditor eventId={event.id} />
      <QuestionnaireAnswers eventId={event.id} />
    </section>
  );
}
